"""Residual networks (He et al., 2016), composed from the engine's layers: no new gradients.

A residual block learns a *correction* F(x) to its input instead of a whole new representation:

    out = relu(F(x) + shortcut(x))      F = conv3x3 -> BN -> ReLU -> conv3x3 -> BN

The `+` is the point. Its backward pass hands the upstream gradient to the shortcut unchanged, so
even a deep stack of blocks gives every early layer a direct path for its gradient (the plain
chain of convolutions multiplies it by one Jacobian per layer and it fades). When the block changes
the number of channels or the resolution (stride 2), the shortcut is a 1x1 convolution and batch
norm that bring x to F(x)'s shape; otherwise it is the identity.

`GlobalAvgPool2d` averages each channel over the whole image: (N, C, H, W) -> (N, C). It replaces the
large flatten-then-linear head of a plain CNN (here 3,136 x 128 weights) with a C x 10 classifier,
and makes the network indifferent to where in the image a feature fired.
"""

from __future__ import annotations

from ldl.engine.nn.layers import BatchNorm2d, Conv2d
from ldl.engine.nn.module import Module, Sequential
from ldl.engine.tensor import Tensor


class GlobalAvgPool2d(Module):
    """(N, C, H, W) -> (N, C): the mean of each feature map."""

    def forward(self, x: Tensor) -> Tensor:
        return x.mean(axis=(2, 3))


class BasicBlock(Module):
    """The two-convolution residual block of ResNet-18/34, with PyTorch torchvision's layer names."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        self.conv1 = Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = BatchNorm2d(out_channels)
        self.conv2 = Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = BatchNorm2d(out_channels)
        self.shortcut = None
        if stride != 1 or in_channels != out_channels:  # bring x to F(x)'s shape
            self.shortcut = Sequential(
                Conv2d(in_channels, out_channels, 1, stride=stride, bias=False), BatchNorm2d(out_channels)
            )

    def forward(self, x: Tensor) -> Tensor:
        out = self.bn1(self.conv1(x)).relu()  # (N, C_out, H / stride, W / stride)
        out = self.bn2(self.conv2(out))
        skip = x if self.shortcut is None else self.shortcut(x)
        return (out + skip).relu()
