"""Neural-network layers built on `ldl.engine.Tensor`, with PyTorch's names and shapes."""

from ldl.engine.nn import functional, init
from ldl.engine.nn.attention import MultiheadAttention, TransformerBlock
from ldl.engine.nn.layers import (
    GELU,
    AvgPool2d,
    BatchNorm1d,
    BatchNorm2d,
    Conv2d,
    Dropout,
    Embedding,
    Flatten,
    LayerNorm,
    Linear,
    MaxPool2d,
    ReLU,
    Sigmoid,
    Tanh,
)
from ldl.engine.nn.module import Module, ModuleList, Parameter, Sequential
from ldl.engine.nn.recurrent import GRU, LSTM, RNN
from ldl.engine.nn.resnet import BasicBlock, GlobalAvgPool2d

__all__ = [
    "GELU",
    "GRU",
    "LSTM",
    "RNN",
    "AvgPool2d",
    "BasicBlock",
    "BatchNorm1d",
    "BatchNorm2d",
    "Conv2d",
    "Dropout",
    "Embedding",
    "Flatten",
    "GlobalAvgPool2d",
    "LayerNorm",
    "Linear",
    "MaxPool2d",
    "Module",
    "ModuleList",
    "MultiheadAttention",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
    "TransformerBlock",
    "functional",
    "init",
]
