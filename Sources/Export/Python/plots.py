# ==== section figures (needs: core)
# Figures are drawn with matplotlib: shown inline in Jupyter, saved as PNG files beside a script.
import os
import sys

import matplotlib

if "ipykernel" not in sys.modules:
    # Outside Jupyter no window opens: figures go to files instead.
    matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D

# The files saved so far, so that a second figure with the same name does not replace the first.
_saved_files = set()


def finish(fig, name):
    """Shows the figure (in Jupyter) or saves it beside the script as <script>-<name>.png."""
    if "ipykernel" in sys.modules:
        # Shown in the notebook as a picture, whatever backend is set, and closed so that it is shown once.
        import io
        from IPython.display import Image, display
        picture = io.BytesIO()
        fig.savefig(picture, format="png", dpi=100, bbox_inches="tight")
        plt.close(fig)
        display(Image(data=picture.getvalue()))
        return
    file = _figure_file(name)
    fig.savefig(file, dpi=100, bbox_inches="tight")
    print(f"saved {file}")
    plt.close(fig)


def _figure_file(name):
    """<script stem>-<name>.png in the script's folder, or in the current folder without a script."""
    main = sys.modules.get("__main__")
    script = getattr(main, "__file__", None) or (sys.argv[0] if sys.argv else "")
    if script in ("", "-", "-c"):
        folder, stem = "", "descent"
    else:
        folder = os.path.dirname(script)
        stem = os.path.splitext(os.path.basename(script))[0]
    # Only letters, digits, '-' and '_' in the name, so that it is a plain file name.
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(name)) or "figure"
    file = os.path.join(folder, f"{stem}-{name}.png")
    number = 2
    while file in _saved_files:
        file = os.path.join(folder, f"{stem}-{name}-{number}.png")
        number += 1
    _saved_files.add(file)
    return file


def _legend(ax, entries=(), notes=()):
    """The legend under the plot, where it hides nothing: what is drawn with a
    label, then `entries` (pairs of marks and text), then `notes` (text alone)."""
    handles, labels = ax.get_legend_handles_labels()
    for handle, label in entries:
        handles.append(handle)
        labels.append(label)
    for note in notes:
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(note)
    if handles:
        # Half an inch under the axes (past the tick labels and the axis label), in the axes' units.
        below = -0.5 / (ax.get_position().height * ax.figure.get_figheight())
        # A tuple of marks (a path's start, steps and end) is drawn side by side.
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0, below), frameon=False,
                  handlelength=3, handler_map={tuple: HandlerTuple(ndivide=None)})


def _letter(index):
    """A, B, C, … for the first, second, third, … of several."""
    return chr(ord("A") + index % 26)


def _finite(values):
    """The values as a numpy array of floats, with nan where a value is infinite."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def _number(value, digits=6):
    """A number in at most `digits` significant digits: 0.1, -1.30084, 1e-07."""
    return f"{float(value):.{digits}g}"


def _point(point, digits=6):
    """A point as text: -2 in one variable, (1, -1) in several."""
    values = np.ravel(point)
    if len(values) == 1:
        return _number(values[0], digits)
    return "(" + ", ".join(_number(v, digits) for v in values) + ")"


# ==== section plot_sampling (needs: figures)
# Sampling a function over a range, and choosing the y range to show.


def _sample(function, *inputs):
    """The function's values at numpy inputs (a range of x, or a grid of x and y),
    one float per point, nan where it is not finite."""
    with np.errstate(all="ignore"):
        try:
            values = np.asarray(function(*inputs), dtype=float)
        except (TypeError, ValueError):
            values = None
        if values is None or values.shape != np.shape(inputs[0]):
            # Written for single numbers (a mean over a table's rows, a constant): one point at a time.
            values = np.vectorize(lambda *point: _value_or_nan(function, point), otypes=[float])(*inputs)
    return _finite(values)


def _value_or_nan(function, point):
    """The function at one point, nan where it is not defined (math.log(0))."""
    try:
        return float(function(*point))
    except (ArithmeticError, ValueError):
        return np.nan


def _y_limits(values):
    """The y range to show: every finite value, padded 4%; but when a few extreme
    values (near a pole, as of 1/x at 0) spread 10 times wider than the middle
    90%, only values within that middle's width of it are kept, so that the rest
    is not squeezed flat. (descent's own rule, 2% and 20 times, suits its text
    plots; 400 samples come closer to a pole and need this firmer one.)"""
    finite = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if len(finite) == 0:
        return -1.0, 1.0
    if len(finite) >= 20:
        cut = len(finite) // 20
        low, high = finite[cut], finite[len(finite) - 1 - cut]
        if high > low and finite[-1] - finite[0] > 10 * (high - low):
            finite = finite[(finite >= low - (high - low)) & (finite <= high + (high - low))]
    low, high = finite[0], finite[-1]
    if high == low:
        return low - 1, high + 1
    pad = (high - low) * 0.04
    return low - pad, high + pad


def _break_at_poles(xs, ys, limits):
    """The curve with a gap (nan) wherever it jumps from above the plot to below it,
    or back, between two samples: a pole, which must not be drawn as a line."""
    low, high = limits
    jumps = ((ys[:-1] > high) & (ys[1:] < low)) | ((ys[:-1] < low) & (ys[1:] > high))
    where = np.nonzero(jumps)[0] + 1
    return np.insert(xs, where, np.nan), np.insert(ys, where, np.nan)


def _rank_levels(values, count=20):
    """About `count` contour levels, each band holding the same share of the
    values, so that valleys show however the values are scaled."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if len(finite) == 0:
        return np.array([0.0, 1.0])
    levels = np.unique(np.quantile(finite, np.linspace(0, 1, count + 1)))
    if len(levels) < 2:
        # A flat function: one band around its value.
        levels = np.array([levels[0] - 1, levels[0] + 1])
    return levels


# ==== section plot_paths (needs: figures)
# Drawing descent paths: one with its start, steps and end marked, or several, each lettered.


def _path_label(run, runs, letter, name=None):
    """"A: from -2 (100 steps, converged) ending at -1.30084": one of several
    paths, named by what sets the paths apart (method, start or step)."""
    parts = [name] if name else []
    if len({run.method for run in runs}) > 1:
        parts.append(run.method)
    if len({_point(run.start) for run in runs}) > 1 or not parts:
        parts.append(f"from {_point(run.start)}")
    if len({run.step for run in runs}) > 1:
        parts.append(f"step {_number(run.step)}")
    return f"{letter}: {', '.join(parts)} ({_steps_text(run)}) ending at {_point(run.path[-1])}"


def _steps_text(run):
    """"72 steps, converged"."""
    return f"{run.steps} step{'' if run.steps == 1 else 's'}, {run.status}"


def _draw_path(ax, xs, ys, run):
    """One path: a thin line through the steps, small dots for them, a diamond
    at the start and a star at the end. Returns its legend entry."""
    steps = ax.plot(xs, ys, "-o", color="C3", linewidth=0.8, markersize=3, zorder=3)[0]
    end = ax.plot(xs[-1], ys[-1], "*", color="C3", markersize=16, markeredgecolor="black", zorder=4)[0]
    # The start goes on last, so a run that comes back past its start does not hide it.
    start = ax.plot(xs[0], ys[0], "D", color="C3", markersize=8, markeredgecolor="black", zorder=5)[0]
    return (start, steps, end), f"path: start, steps, end ({_steps_text(run)})"


def _draw_lettered_path(ax, xs, ys, index, label):
    """One of several paths: its own colour, its letter at the start, a star at the end."""
    colour = f"C{(index + 1) % 10}"
    ax.plot(xs, ys, "-o", color=colour, linewidth=1, markersize=3, label=label, zorder=3)
    ax.plot(xs[-1], ys[-1], "*", color=colour, markersize=14, markeredgecolor="black", zorder=4)
    ax.plot(xs[0], ys[0], "D", color=colour, markersize=7, markeredgecolor="black", zorder=5)
    # The letter on a white box, readable on a curve or a coloured map.
    ax.annotate(_letter(index), (xs[0], ys[0]), xytext=(7, 7), textcoords="offset points",
                color=colour, fontweight="bold", fontsize=11, zorder=6,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": colour})


def _span(values, default):
    """A range around the values (padded a quarter of their spread, at least 1), or the default."""
    values = _finite(values)
    values = values[np.isfinite(values)]
    if len(values) == 0:
        return default
    pad = max((values.max() - values.min()) * 0.25, 1)
    return values.min() - pad, values.max() + pad


# ==== section plot_curves (needs: plot_sampling, plot_paths)
def plot_curves(functions, xrange, title=None, path=None, paths=None, names=None):
    """Functions of one variable, each a (callable, label), drawn over xrange;
    path=run draws a descent's steps on its curve, paths=[run, …] several, lettered."""
    runs = list(paths) if paths is not None else ([path] if path is not None else [])
    names = list(names) if names is not None else [None] * len(runs)
    if xrange is None:
        # No range given: around the paths, or -10..10.
        xrange = _span([np.ravel(p)[0] for run in runs for p in run.path], (-10, 10))
    fig, ax = plt.subplots(figsize=(8, 5))
    xs = np.linspace(xrange[0], xrange[1], 401)
    curves = [(_sample(function, xs), label) for function, label in functions]
    # The curves decide the y range (the paths only when no curve has a value).
    values = np.concatenate([ys for ys, _ in curves] + [np.array([np.nan])])
    if not np.isfinite(values).any():
        values = np.concatenate([_finite(run.fs) for run in runs] + [values])
    limits = _y_limits(values)
    for ys, label in curves:
        ax.plot(*_break_at_poles(xs, ys, limits), label=label, linewidth=1.5)
    entries, notes = [], []
    if len(runs) == 1:
        entries.append(_draw_path(ax, *_path_points_1d(runs[0]), runs[0]))
    elif runs:
        for index, run in enumerate(runs):
            label = _path_label(run, runs, _letter(index), names[index])
            _draw_lettered_path(ax, *_path_points_1d(run), index, label)
    # Points of a path above or below the plot (a run that ran away) are counted.
    outside = sum(_count_outside(run.fs, limits) for run in runs)
    if outside:
        notes.append(f"{outside} path point{' lies' if outside == 1 else 's lie'} outside the plot")
    ax.set_xlim(xrange)
    ax.set_ylim(limits)
    ax.grid(True, alpha=0.3)
    variable = _variable(functions[0][1]) if functions else "x"
    ax.set_xlabel(variable)
    ax.set_ylabel(functions[0][1].split(" = ")[0] if len(functions) == 1 else f"value at {variable}")
    ax.set_title(title or " and ".join(label for _, label in functions))
    if len(functions) > 1 or runs or notes:
        _legend(ax, entries, notes)
    return fig


def _count_outside(values, limits):
    """How many values lie outside limits (or are not finite)."""
    values = _finite(values)
    return int(np.sum(~((values >= limits[0]) & (values <= limits[1]))))


def _path_points_1d(run):
    """A run's steps as points on its curve: (x, f(x)) at each."""
    return np.array([np.ravel(p)[0] for p in run.path], dtype=float), _finite(run.fs)


def _variable(label):
    """The variable's name in a label such as "f(t) = t^2": t (x when there is none)."""
    head = label.split(" = ")[0]
    if "(" in head and head.endswith(")"):
        return head[head.index("(") + 1:-1]
    return "x"


# ==== section plot_convergence (needs: figures)
def plot_convergence(runs, labels=None, title=None):
    """f against the step number for each run: how fast each descent went down."""
    if labels is None:
        labels = [_run_label(run, runs) for run in runs]
    fig, ax = plt.subplots(figsize=(8, 5))
    for run, label in zip(runs, labels):
        fs = _finite(run.fs)
        # A run of no steps is a single point: give it a mark to be seen.
        ax.plot(np.arange(len(fs)), fs, "-" if len(fs) > 1 else "o", label=label)
    notes = []
    # descent's rule: a log scale when every value is positive and they span more than 100 times.
    values = np.concatenate([_finite(run.fs) for run in runs])
    values = values[np.isfinite(values)]
    if len(values) and values.min() > 0 and values.max() / values.min() > 100:
        ax.set_yscale("log")
        notes.append("f on a log scale")
    batched = [run for run in runs if getattr(run, "batch", None)]
    if batched:
        # Honest about the noise: each point is one batch's loss, not the whole table's.
        size = _batch_size(batched[0].batch)
        notes.append(f"stochastic: each step's f is the loss on its batch{size}, so the curve is noisy")
    ax.set_xlabel("step")
    ax.set_ylabel("f (log scale)" if ax.get_yscale() == "log" else "f")
    ax.set_title(title or "f against the step number")
    ax.grid(True, alpha=0.3)
    if len(runs) > 1 or notes:
        _legend(ax, notes=notes)
    return fig


def _run_label(run, runs):
    """A run named by what sets it apart from the others: "step 0.1 (converged)"."""
    same_step = len({run.step for run in runs}) == 1
    what = f"from {_point(run.start)}" if same_step else f"step {_number(run.step, 4)}"
    if len({run.method for run in runs}) > 1:
        what = f"{run.method}, {what}"
    return f"{what} ({run.status})"


def _batch_size(batch):
    """" of 16 rows", from run.batch: (size, seed, rows) or the size alone."""
    size = batch[0] if isinstance(batch, tuple) else batch
    return f" of {size} rows" if isinstance(size, int) and not isinstance(size, bool) else ""


# ==== section plot_map (needs: plot_sampling, plot_paths)
from matplotlib.colors import BoundaryNorm


def plot_map(g, xrange, yrange, names=("x", "y"), title=None, path=None, paths=None, labels=None):
    """A function of two variables as filled contours, with descent paths over it:
    path=run for one, paths=[run, …] for several, lettered (labels name them)."""
    runs = list(paths) if paths is not None else ([path] if path is not None else [])
    labels = list(labels) if labels is not None else [None] * len(runs)
    # No ranges given: around the paths, or -5..5.
    if xrange is None:
        xrange = _span([np.ravel(p)[0] for run in runs for p in run.path], (-5, 5))
    if yrange is None:
        yrange = _span([np.ravel(p)[1] for run in runs for p in run.path], (-5, 5))
    xs = np.linspace(xrange[0], xrange[1], 200)
    ys = np.linspace(yrange[0], yrange[1], 200)
    grid_x, grid_y = np.meshgrid(xs, ys)
    values = _sample(g, grid_x, grid_y)
    fig, ax = plt.subplots(figsize=(8, 6))
    _shade(fig, ax, grid_x, grid_y, values)
    entries = []
    if len(runs) == 1:
        entries.append(_draw_path(ax, *_path_points_2d(runs[0]), runs[0]))
    elif runs:
        for index, run in enumerate(runs):
            label = _path_label(run, runs, _letter(index), labels[index])
            _draw_lettered_path(ax, *_path_points_2d(run), index, label)
    ax.set_xlim(xrange)
    ax.set_ylim(yrange)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_title(title or f"f({names[0]}, {names[1]})")
    _legend(ax, entries)
    return fig


def _shade(fig, ax, grid_x, grid_y, values):
    """Filled contours, about 20 bands each covering the same share of the box
    (colours by rank, as descent shades), and a colour bar to read them."""
    levels = _rank_levels(values)
    # Evenly spaced colours for the bands, however unevenly spaced their levels.
    norm = BoundaryNorm(levels, ncolors=256)
    shading = ax.contourf(grid_x, grid_y, values, levels=levels, cmap="viridis", norm=norm)
    bar = fig.colorbar(shading, ax=ax, label="f, in bands of about equal area")
    bar.set_ticks(levels[::2])
    bar.ax.set_yticklabels([_number(level, 3) for level in levels[::2]])


def _path_points_2d(run):
    """A run's steps as points of the plane: (x, y) at each."""
    points = np.array([np.ravel(p)[:2] for p in run.path], dtype=float)
    return points[:, 0], points[:, 1]


# ==== section plot_data (needs: plot_sampling)
def plot_data(table, columns=("x", "y"), functions=None, title=None):
    """A table's first column across and its second up, as points, with curves
    (each a (callable, label)) drawn through them: the data and a fitted line."""
    xs = _finite(_column(table, columns[0]))
    ys = _finite(_column(table, columns[1]))
    fig, ax = plt.subplots(figsize=(8, 5))
    shown = np.isfinite(xs) & np.isfinite(ys)
    ax.scatter(xs[shown], ys[shown], s=18, color="black", zorder=3,
               label=f"data: {int(shown.sum())} points, {columns[0]} across, {columns[1]} up")
    # The curves span the data's x range, padded 5% each side.
    low, high = (np.nanmin(xs), np.nanmax(xs)) if shown.any() else (-1.0, 1.0)
    pad = (high - low) * 0.05 if high > low else 1.0
    grid = np.linspace(low - pad, high + pad, 401)
    for function, label in functions or []:
        ax.plot(grid, _sample(function, grid), label=label, linewidth=1.5)
    ax.set_xlim(low - pad, high + pad)
    ax.grid(True, alpha=0.3)
    ax.set_xlabel(columns[0])
    ax.set_ylabel(columns[1])
    ax.set_title(title or f"{columns[1]} against {columns[0]}")
    _legend(ax)
    return fig


def _column(table, name):
    """A table's column by name: table.x, or table["x"] for a dict or data frame."""
    if isinstance(table, dict):
        return table[name]
    return getattr(table, name)


# ==== section plot_basins (needs: plot_sampling, basins)
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch

# How the starts that reached no minimum are drawn and named in the legend.
_OTHER_ENDS = [
    (DIVERGED, "black", "diverged"),
    (UNFINISHED, "0.55", "hit the step limit"),
    (ELSEWHERE, "0.85", "stopped on a maximum, saddle or flat spot"),
]


def plot_basins(b, f=None, title=None):
    """Which minimum a descent reaches from each start, from a basins result b:
    in one variable a band under f's curve, in two a map of regions; the
    minima lettered A, B, … (f, when given, is drawn for context)."""
    labels = np.atleast_2d(np.asarray(b.labels))
    names = getattr(b, "names", None) or ("x", "y")
    ranges = _basin_ranges(b)
    if len(ranges) == 1:
        fig, ax = _basins_1d(b, ranges, labels, f, names[0])
    else:
        fig, ax = _basins_2d(b, ranges, labels, f, names)
    ax.set_title(title or "basins: the minimum a descent reaches from each start")
    return fig


def _basin_ranges(b):
    """The box of starts: b.ranges, or worked out from the starts b.xs (and b.ys),
    which are the centres of equal cells."""
    if getattr(b, "ranges", None) is not None:
        return [tuple(r) for r in b.ranges]
    ranges = []
    for centres in (b.xs, b.ys):
        if len(centres) > 0:
            half = (centres[-1] - centres[0]) / (len(centres) - 1) / 2 if len(centres) > 1 else 0.5
            ranges.append((centres[0] - half, centres[-1] + half))
    return ranges


def _basins_1d(b, ranges, labels, f, name):
    """f's curve with the minima lettered on it, and under it a band coloured
    by the minimum that a descent from each x reaches."""
    low, high = ranges[0]
    fig, (ax, band) = plt.subplots(2, 1, figsize=(8, 5.5), sharex=True,
                                   gridspec_kw={"height_ratios": [7, 1], "hspace": 0.05})
    if f is not None:
        xs = np.linspace(low, high, 401)
        ys = _sample(f, xs)
        limits = _y_limits(ys)
        ax.plot(*_break_at_poles(xs, ys, limits), color="0.25", linewidth=1.5)
        ax.set_ylim(limits)
    else:
        # No curve: a y range around the minima's values.
        ax.set_ylim(_y_limits([_minimum_field(m, "f") for m in b.minima]))
    # Each minimum: a dot in its colour, and its letter above it.
    for index, minimum in enumerate(b.minima[:26]):
        x = np.ravel(_minimum_field(minimum, "x"))[0]
        value = _minimum_field(minimum, "f")
        ax.plot(x, value, "o", color=_basin_colour(index), markersize=9, markeredgecolor="black", zorder=3)
        ax.annotate(_letter(index), (x, value), xytext=(0, 9), textcoords="offset points", ha="center",
                    color=_basin_colour(index), fontweight="bold", fontsize=13)
    ax.set_xlim(low, high)
    ax.set_ylabel(f"f({name})")
    ax.grid(True, alpha=0.3)
    # The band: one cell per start, in the colour of the minimum it reached.
    band.imshow(_basin_image(labels), extent=(low, high, 0, 1), aspect="auto", interpolation="nearest")
    band.set_yticks([])
    band.set_xlabel(f"{name}, where each descent starts (the band: the minimum it reaches)")
    entries, notes = _basin_legend(b, labels, [name])
    _legend(band, entries, notes)
    return fig, ax


def _basins_2d(b, ranges, labels, f, names):
    """The box of starts coloured by the minimum each reaches, the minima lettered."""
    (x_low, x_high), (y_low, y_high) = ranges
    fig, ax = plt.subplots(figsize=(8, 6.5))
    # Row 0 of the labels is at the low end of y: origin="lower".
    ax.imshow(_basin_image(labels), origin="lower", extent=(x_low, x_high, y_low, y_high),
              aspect="auto", interpolation="nearest")
    if f is not None:
        # f's contours, faint, to show the valleys the regions drain into.
        grid_x, grid_y = np.meshgrid(np.linspace(x_low, x_high, 200), np.linspace(y_low, y_high, 200))
        values = _sample(f, grid_x, grid_y)
        ax.contour(grid_x, grid_y, values, levels=_rank_levels(values), colors="black", linewidths=0.4, alpha=0.35)
    # Each minimum: its capital letter in a circle of its colour.
    for index, minimum in enumerate(b.minima[:26]):
        x, y = np.ravel(_minimum_field(minimum, "x"))[:2]
        ax.annotate(_letter(index), (x, y), ha="center", va="center", fontweight="bold",
                    bbox={"boxstyle": "circle", "facecolor": "white", "edgecolor": "black"})
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(y_low, y_high)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    entries, notes = _basin_legend(b, labels, names)
    _legend(ax, entries, notes)
    return fig, ax


def _basin_colour(code):
    """The colour of a start: its minimum's (C0, C1, …), or black and greys for the others."""
    for other, colour, _ in _OTHER_ENDS:
        if code == other:
            return colour
    return f"C{code % 10}"


def _basin_image(labels):
    """The labels as an image: one colour (red, green, blue) per start."""
    return np.array([[to_rgb(_basin_colour(code)) for code in row] for row in labels])


def _basin_legend(b, labels, names):
    """A legend entry per minimum, "A: x = -2.81, y = 3.13, f = 0, global, 26% of
    starts", then the starts that reached none, and how many starts there were."""
    entries, notes = [], []
    for index, minimum in enumerate(b.minima[:26]):
        point = ", ".join(f"{n} = {_rounded(v)}" for n, v in zip(names, np.ravel(_minimum_field(minimum, "x"))))
        share = _minimum_field(minimum, "share")
        if share is None:
            share = np.mean(labels == index)
        where = "global, " if _is_global(minimum) else ""
        text = f"{_letter(index)}: {point}, f = {_rounded(_minimum_field(minimum, 'f'))}, {where}{_percent(share)} of starts"
        entries.append((Patch(facecolor=_basin_colour(index), edgecolor="black"), text))
    if len(b.minima) > 26:
        notes.append(f"and {len(b.minima) - 26} more minima, not lettered")
    if len(b.minima) == 0:
        notes.append("no start reached a minimum")
    for code, colour, what in _OTHER_ENDS:
        share = np.mean(labels == code)
        if share > 0:
            entries.append((Patch(facecolor=colour, edgecolor="black"), f"{what}: {_percent(share)} of starts"))
    grid = " × ".join(str(n) for n in reversed(labels.shape)) if labels.shape[0] > 1 else ""
    how = f" with {b.method}, step {_number(b.step)}" if getattr(b, "method", None) else ""
    notes.append(f"{labels.size} starts{f' ({grid})' if grid else ''}, each a descent{how}")
    return entries, notes


def _minimum_field(minimum, name):
    """A minimum's x, f or share, whether it is a dict or an object."""
    if isinstance(minimum, dict):
        return minimum.get(name)
    return getattr(minimum, name, None)


def _is_global(minimum):
    """Whether a minimum is as low as the lowest found (its "global" field)."""
    return bool(_minimum_field(minimum, "global"))


def _rounded(value):
    """A number in 3 significant digits, round-off noise around zero (4e-16) shown as 0."""
    value = float(value)
    return _number(0.0 if abs(value) < 1e-9 else value, 3)


def _percent(share):
    """48%, or <1% for a share too small to round to one."""
    return "<1%" if 0 < share < 0.005 else f"{round(share * 100)}%"
