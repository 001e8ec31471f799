r"""Classic networks as lists of layers: the course's table of shapes, sizes and parameters.

A network is described by the shape of its input and a list of layer specifications, dicts with a
``"type"``:

- ``{"type": "conv", "f": 5, "n_C": 6, "stride": 1, "pad": 0}``: ``pad`` may be ``"same"``,
  which means $p = (f - 1)/2$;
- ``{"type": "pool", "f": 2, "stride": 2}``: max or average, the table is the same;
- ``{"type": "dense", "units": 120}``: a fully connected layer (the first one flattens its input).

`layer_table` walks the list and returns one row per layer; `case_study` holds LeNet-5, AlexNet
and VGG-16 as the course presents them.
"""

from __future__ import annotations

from dlref._validation import check_count
from dlref.convolution import conv_output_size, conv_parameter_count

__all__ = ["case_study", "layer_table"]

Row = tuple[str, tuple[int, ...], int, int]


def _conv_block(n_C: int, convs: int) -> list[dict]:
    return [{"type": "conv", "f": 3, "n_C": n_C, "stride": 1, "pad": "same"}] * convs + [{"type": "pool", "f": 2, "stride": 2}]


def _pool(f: int, stride: int) -> dict:
    return {"type": "pool", "f": f, "stride": stride}


def _conv(f: int, n_C: int, stride: int = 1, pad: int | str = 0) -> dict:
    return {"type": "conv", "f": f, "n_C": n_C, "stride": stride, "pad": pad}


def _dense(units: int) -> dict:
    return {"type": "dense", "units": units}


CASE_STUDIES = {
    "lenet-5": ((32, 32, 1), [_conv(5, 6), _pool(2, 2), _conv(5, 16), _pool(2, 2), _dense(120), _dense(84), _dense(10)]),
    "course-example": ((32, 32, 3), [_conv(5, 8), _pool(2, 2), _conv(5, 16), _pool(2, 2), _dense(120), _dense(84), _dense(10)]),
    "alexnet": ((227, 227, 3), [
        _conv(11, 96, 4), _pool(3, 2), _conv(5, 256, pad="same"), _pool(3, 2), _conv(3, 384, pad="same"),
        _conv(3, 384, pad="same"), _conv(3, 256, pad="same"), _pool(3, 2), _dense(4096), _dense(4096), _dense(1000),
    ]),
    "vgg-16": ((224, 224, 3), [
        *_conv_block(64, 2), *_conv_block(128, 2), *_conv_block(256, 3), *_conv_block(512, 3), *_conv_block(512, 3),
        _dense(4096), _dense(4096), _dense(1000),
    ]),
}


def case_study(name: str) -> tuple[tuple[int, int, int], list[dict]]:
    r"""The input shape and layer list of a network from the course's case studies.

    Parameters
    ----------
    name : {"lenet-5", "course-example", "alexnet", "vgg-16"}
        ``"course-example"`` is the LeNet-like network of the lecture's table (a $32 \times 32
        \times 3$ input, 8 and 16 filters); ``"lenet-5"`` is LeCun's network on grey images.

    Returns
    -------
    input_shape : tuple of int
        ``(n_H, n_W, n_C)``.
    layers : list of dict
        The layer specifications, for `layer_table`.

    Raises
    ------
    ValueError
        If `name` is not one of the four.

    Notes
    -----
    LeNet-5 has about 60 thousand parameters, AlexNet about 60 million, VGG-16 about 138 million;
    `layer_table` computes the exact numbers.

    Examples
    --------
    >>> input_shape, layers = case_study("vgg-16")
    >>> input_shape, len(layers)
    ((224, 224, 3), 21)
    """
    if name not in CASE_STUDIES:
        raise ValueError(f"name must be one of {sorted(CASE_STUDIES)}, got {name!r}.")
    input_shape, layers = CASE_STUDIES[name]
    return input_shape, [dict(layer) for layer in layers]


def _row(layer: object, k: int, shape: tuple[int, ...], l: int) -> Row:
    if not isinstance(layer, dict) or layer.get("type") not in ("conv", "pool", "dense"):
        raise ValueError(f"layers[{k}] must be a dict with type 'conv', 'pool' or 'dense', got {layer!r}.")
    get = lambda key, minimum=1: check_count(f"layers[{k}][{key!r}]", layer.get(key), minimum=minimum)  # noqa: E731
    if layer["type"] == "dense":
        units, n_in = get("units"), 1
        for n in shape:
            n_in *= n
        return f"FC{l}", (units, 1), units, n_in * units + units
    if len(shape) != 3:
        raise ValueError(f"layers[{k}] is a {layer['type']} layer after a dense layer; it needs a volume (n_H, n_W, n_C).")
    f, stride = get("f"), get("stride")
    if layer["type"] == "pool":
        n_H, n_W = (conv_output_size(n, f, 0, stride) for n in shape[:2])
        return f"POOL{l}", (n_H, n_W, shape[2]), n_H * n_W * shape[2], 0
    pad = layer.get("pad", 0)
    pad = check_count(f"layers[{k}]['pad']", (f - 1) // 2 if pad == "same" else pad)
    n_C = get("n_C")
    n_H, n_W = (conv_output_size(n, f, pad, stride) for n in shape[:2])
    return f"CONV{l}", (n_H, n_W, n_C), n_H * n_W * n_C, conv_parameter_count(f, shape[2], n_C)


def layer_table(
    input_shape: tuple[int, int, int], layers: list[dict]
) -> list[tuple[str, tuple[int, ...], int, int]]:
    r"""The course's table of a network: activation shape, activation size and parameters per layer.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_H, n_W, n_C)`` of one example.
    layers : list of dict
        Layer specifications (see the module's description).

    Returns
    -------
    rows : list of tuple
        ``(name, activation_shape, activation_size, parameters)``, starting with the input
        (``"Input"``, its shape, its size, 0). Names follow the course: a convolution and the
        pooling after it share a number (``CONV1``, ``POOL1``), and the last dense layer is
        ``Softmax``. Dense activations have the shape ``(n, 1)``.

    Raises
    ------
    ValueError
        If a specification is malformed, or a filter or window does not fit its input.

    Notes
    -----
    Convolution: $n^{[l]} = \lfloor (n^{[l-1]} + 2p - f)/s \rfloor + 1$ and
    $(f^2 n_C^{[l-1]} + 1)\, n_C^{[l]}$ parameters. Pooling: the same size formula with $p = 0$,
    the channels kept, no parameters. Dense: $n^{[l-1]} n^{[l]} + n^{[l]}$ parameters, where
    $n^{[l-1]}$ is the size of the (flattened) previous activation.

    Examples
    --------
    >>> for row in layer_table((32, 32, 3), [{"type": "conv", "f": 5, "n_C": 8, "stride": 1, "pad": 0},
    ...                                      {"type": "pool", "f": 2, "stride": 2}]):
    ...     print(row)
    ('Input', (32, 32, 3), 3072, 0)
    ('CONV1', (28, 28, 8), 6272, 608)
    ('POOL1', (14, 14, 8), 1568, 0)
    """
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 3:
        raise ValueError(f"input_shape must be (n_H, n_W, n_C), got {input_shape!r}.")
    if not isinstance(layers, (list, tuple)):
        raise ValueError(f"layers must be a list of layer dicts, got {type(layers).__name__}.")
    shape = tuple(check_count(f"input_shape[{k}]", n, minimum=1) for k, n in enumerate(input_shape))
    rows: list[Row] = [("Input", shape, shape[0] * shape[1] * shape[2], 0)]
    # --8<-- [start:layer_table]
    l = 0  # the course numbers a convolution and its pooling as one layer
    for k, layer in enumerate(layers):
        l += isinstance(layer, dict) and layer.get("type") != "pool"
        name, shape, size, parameters = _row(layer, k, shape, l)  # the output and the weights
        rows.append((name, shape, size, parameters))
    if rows[-1][0].startswith("FC"):
        rows[-1] = ("Softmax", *rows[-1][1:])  # the output layer
    # --8<-- [end:layer_table]
    return rows
