"""record_gif: the GIF of an agent playing, on a machine without a display."""


def test_recording_a_gif_without_a_display_prints_no_sdl_error(tmp_path):
    """CartPole draws its frames with pygame; on a machine without a display SDL would probe for
    Wayland and print "XDG_RUNTIME_DIR is invalid" into the learner's output. record_gif avoids it."""
    import os
    import subprocess
    import sys

    code = (
        "import gymnasium as gym, sys\n"
        "from ldl.rl.evaluate import record_gif\n"
        "env = gym.make('CartPole-v1', render_mode='rgb_array')\n"
        "path = record_gif(env, lambda obs: 0, sys.argv[1], seed=0, max_steps=3)\n"
        "print(path.stat().st_size)\n"
    )
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "SDL_VIDEODRIVER"}}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.gif")], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 0
    assert "XDG_RUNTIME_DIR" not in done.stderr and "error" not in done.stderr.lower()
