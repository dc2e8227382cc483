"""With an integer V your updates are rounded away (an int array cannot hold 0.95). Convert to
float64 first: `V.astype(np.float64, copy=True)`."""


def td_zero(V, transitions, alpha=0.1, gamma=0.99):
    V = V.copy()
    for s, r, s_next, terminated, _truncated in transitions:
        V[s] += alpha * (r + (0.0 if terminated else gamma * V[s_next]) - V[s])
    return V
