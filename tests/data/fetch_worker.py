"""Run by tests in a separate process: fetch one test file, print its path and SHA-256.

Usage: python fetch_worker.py URL SHA256 SIZE   (the cache is $LDL_DATA_DIR)
"""

import sys
from dataclasses import replace

from data_testkit import one_file_dataset

from ldl.data import store
from ldl.data.locations import sha256_of


def main() -> None:
    url, sha256, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    dataset = one_file_dataset(url, b"")
    data_file = replace(dataset.files[0], sha256=sha256, size=size)
    dataset = replace(dataset, files=(data_file,))
    path = store.fetch_file(dataset, data_file)
    print(path, sha256_of(path), flush=True)


if __name__ == "__main__":
    main()
