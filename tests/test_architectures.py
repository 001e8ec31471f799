"""The case studies' tables: the course's LeNet-style table, and the known parameter totals."""

from __future__ import annotations

import pytest

from dlref.architectures import case_study, layer_table


def test_the_courses_table_row_by_row():
    """The lecture's LeNet-like example on a 32 x 32 x 3 input (8 and 16 filters of 5 x 5)."""
    rows = layer_table(*case_study("course-example"))
    assert rows == [
        ("Input", (32, 32, 3), 3072, 0),
        ("CONV1", (28, 28, 8), 6272, (5 * 5 * 3 + 1) * 8),
        ("POOL1", (14, 14, 8), 1568, 0),
        ("CONV2", (10, 10, 16), 1600, (5 * 5 * 8 + 1) * 16),
        ("POOL2", (5, 5, 16), 400, 0),
        ("FC3", (120, 1), 120, 400 * 120 + 120),
        ("FC4", (84, 1), 84, 120 * 84 + 84),
        ("Softmax", (10, 1), 10, 84 * 10 + 10),
    ]
    assert rows[1][3] == 608 and rows[3][3] == 3216  # not 208 and 416: a filter is as deep as its input


@pytest.mark.parametrize("name, total", [("lenet-5", 61_706), ("alexnet", 62_378_344), ("vgg-16", 138_357_544)])
def test_known_parameter_totals(name, total):
    assert sum(row[3] for row in layer_table(*case_study(name))) == total


def test_vgg_16_shapes_halve_while_channels_double():
    rows = layer_table(*case_study("vgg-16"))
    pools = [row[1] for row in rows if row[0].startswith("POOL")]
    assert pools == [(112, 112, 64), (56, 56, 128), (28, 28, 256), (14, 14, 512), (7, 7, 512)]
    assert sum(1 for row in rows if row[3] > 0) == 16  # the 16 of VGG-16: layers with weights


def test_alexnet_shapes():
    shapes = [row[1] for row in layer_table(*case_study("alexnet"))]
    assert shapes[:3] == [(227, 227, 3), (55, 55, 96), (27, 27, 96)] and shapes[8] == (6, 6, 256)


def test_bad_specifications_are_named():
    with pytest.raises(ValueError, match=r"layers\[1\] must be a dict with type"):
        layer_table((8, 8, 1), [{"type": "conv", "f": 3, "n_C": 2, "stride": 1, "pad": 0}, {"type": "norm"}])
    with pytest.raises(ValueError, match=r"f=9 does not fit"):
        layer_table((8, 8, 1), [{"type": "conv", "f": 9, "n_C": 2, "stride": 1, "pad": 0}])
    with pytest.raises(ValueError, match="after a dense layer"):
        layer_table((8, 8, 1), [{"type": "dense", "units": 3}, {"type": "pool", "f": 2, "stride": 2}])
    with pytest.raises(ValueError, match="name must be one of"):
        case_study("resnet-1000")
