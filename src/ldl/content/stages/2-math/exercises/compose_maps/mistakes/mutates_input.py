"""Your product is right, but `maps.reverse()` reverses the caller's list in place: after your
call their maps are in the opposite order. Walk the list as it is (multiplying each new map on the
left), or iterate over `reversed(maps)`, which leaves the list alone."""

import numpy as np


def rotation(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def compose(maps):
    maps.reverse()
    result = np.eye(len(maps[0]))
    for matrix in maps:
        result = result @ matrix
    return result
