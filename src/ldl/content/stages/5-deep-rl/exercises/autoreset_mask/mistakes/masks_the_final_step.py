"""You mark the step where the episode *ended* as invalid. That step is a real transition (its
reward and its final observation count); it is the step *after* it that Gymnasium spends on the
reset, so shift the mask by one step: valid[t] = not ended[t - 1]."""


def autoreset_mask(terminated, truncated, ended_before):
    ended = terminated | truncated
    return ~ended, ended[-1].copy()
