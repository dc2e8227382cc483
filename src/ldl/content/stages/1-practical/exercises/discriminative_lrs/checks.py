"""Checks for discriminative_lrs: exact rates for the lab's four-group classifier and a few other
shapes (two groups, five groups spanning four decades, a single group, `lo = None`), and a probe
that the embeddings (group 0) get the smallest rate."""

from ldl.grading.spec import Case


def cases():
    return [
        Case(
            "the lab's classifier: 4 groups, slice(1e-2 / 2.6**4, 1e-2)",
            call="discriminative_lrs",
            args=(1e-2 / 2.6**4, 1e-2, 4),
            rtol=1e-9,
        ),
        Case("two groups: just lo and hi", call="discriminative_lrs", args=(1e-4, 1e-3, 2), rtol=1e-9),
        Case("five groups from 1e-6 to 1e-2", call="discriminative_lrs", args=(1e-6, 1e-2, 5), rtol=1e-9),
        Case("one group gets hi", call="discriminative_lrs", args=(1e-5, 3e-3, 1), rtol=1e-9),
        Case(
            "slice(hi): hi / 10 except the head", call="discriminative_lrs", args=(None, 1e-3, 3), rtol=1e-9
        ),
        Case("the embeddings move least", probe="probe_order", args=(1e-5, 1e-2, 6)),
    ]


def probe_order(module, lo, hi, num_groups):
    """Which group got the smallest and which the largest rate."""
    lrs = list(module.discriminative_lrs(lo, hi, num_groups))
    return {"smallest": lrs.index(min(lrs)), "largest": lrs.index(max(lrs))}
