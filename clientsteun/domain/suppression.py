"""Which published counts to hide so that none of the hidden ones can be worked out: across the
sections of one report at once.

Pure: no Qt, no SQL.  A table with its totals is a grid: row ``n_rows`` holds the column totals,
column ``n_columns`` the row totals, their corner the grand total, and every row and column of the
grid adds up.  A report shows the same table for all municipalities together (layer 0) and for each
municipality (layers 1 and on), and every entry of layer 0 is the sum of that entry over the
municipalities: a third direction of sums.  Every layer uses layer 0's rows and columns; an entry a
municipality's table does not have (a row or column it lacks) is a zero the reader knows.

The unknowns of a layer are its hidden entries and the totals the table does not publish.  Flip the
sign of every entry with one total coordinate (the corner keeps its sign): then every line of a grid
adds up to zero, and a change to the unknowns that keeps every sum is, per layer, a set of cycles of
unknowns (rows and columns as the two sides of a graph, each entry an edge), with layer 0's change
the sum of the municipalities' changes.  A cycle of entries unknown in two layers (two
municipalities, one of them plus, the other minus; or a municipality and layer 0, both plus) is such
a change, so an entry on such a cycle cannot be worked out.  Hiding goes on until every hidden
entry lies on one (a report of a single layer: on a cycle of its own unknowns).  Each step hides
the cheapest such cycle through an entry not yet covered, in both layers, and every entry of it is
covered from then on, so one pass over the small counts is enough.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

Entry = tuple[int, int]
TOTAL_COST = 1_000_000  # what hiding one more entry costs on top of its value (``_Suppression._hiding``)
ZERO_COST = 10_000
INFINITE = float("inf")  # an entry the reader knows is zero: never hidden


@dataclass(frozen=True)
class Layer:
    """One section's table on the report's shared grid; ``values[i][j]`` None: an entry the table
    does not have (a zero the reader knows)."""

    values: tuple[tuple[int | None, ...], ...]

    def value(self, entry: Entry) -> int | None:
        return self.values[entry[0]][entry[1]]


def suppress(layers: Sequence[Layer], published: frozenset[Entry], threshold: int) -> list[set[Entry]]:
    """Per layer, the published entries to hide: the counts from 1 to ``threshold - 1``, and as many
    more as needed so that no hidden one follows from the sums of all layers together."""
    if not layers or len(layers[0].values) < 2 or len(layers[0].values[0]) < 2:
        return [set() for _ in layers]
    return _Suppression(layers, published, threshold).run()


class _Suppression:
    def __init__(self, layers: Sequence[Layer], published: frozenset[Entry], threshold: int) -> None:
        self.layers = layers
        self.threshold = threshold
        self.n_rows, self.n_columns = len(layers[0].values), len(layers[0].values[0])
        entries = [(i, j) for i in range(self.n_rows) for j in range(self.n_columns)]
        self.entries = entries
        self.known = [{e for e in entries if layer.value(e) is not None} for layer in layers]
        if len(layers) > 1:  # an entry of all together that no municipality has is a known zero too
            self.known[0] = set().union(*self.known[1:])
        self.small = [
            {e for e in sorted(self.known[k] & published) if 0 < (layer.value(e) or 0) < threshold}
            for k, layer in enumerate(layers)
        ]
        self.unknown = [self.small[k] | (self.known[k] - published) for k in range(len(layers))]
        self.costs = [{e: self._hiding(layer, e) for e in self.known[k]} for k, layer in enumerate(layers)]
        self.published = published

    def _hiding(self, layer: Layer, entry: Entry) -> float:
        """What hiding ``entry`` costs in ``layer`` (the reader knows it: cells before totals, non-zero
        before zero, small before large)."""
        value = layer.value(entry) or 0
        is_total = entry[0] == self.n_rows - 1 or entry[1] == self.n_columns - 1
        return 1 + value + (TOTAL_COST if is_total else 0) + (ZERO_COST if value == 0 else 0)

    def run(self) -> list[set[Entry]]:
        for k in range(len(self.layers)):
            for entry in sorted(self.small[k]):
                if not self._covered(k, entry):
                    self._cover(k, entry)
        return [unknown & self.published for unknown in self.unknown]

    def _partners(self, k: int) -> list[int]:
        return [t for t in range(len(self.layers)) if t != k] or [k]

    def _covered(self, k: int, entry: Entry) -> bool:
        for t in self._partners(k):
            if entry in self.unknown[t]:
                edges = (self.unknown[k] & self.unknown[t]) - {entry}
                if _connected(entry, edges):
                    return True
        return False

    def _cover(self, k: int, entry: Entry) -> None:
        """Hide the cheapest cycle through ``entry`` in layer ``k`` and in one partner layer."""
        best: tuple[float, int, list[Entry]] | None = None
        for t in self._partners(k):
            if entry not in self.known[t]:
                continue
            start = self._cost(t, entry)
            if best is not None and start >= best[0]:
                continue
            found = self._cheapest_path(k, t, entry, (best[0] - start) if best else INFINITE)
            if found is not None and (best is None or start + found[0] < best[0]):
                best = (start + found[0], t, found[1])
        assert best is not None, "every entry has a partner layer and a path through the totals"
        _, t, path = best
        for layer in {k, t}:
            self.unknown[layer].update([entry, *path])

    def _cost(self, k: int, entry: Entry) -> float:
        return 0 if entry in self.unknown[k] else self.costs[k].get(entry, INFINITE)

    def _cheapest_path(self, k: int, t: int, entry: Entry, limit: float) -> tuple[float, list[Entry]] | None:
        """Dijkstra from the row of ``entry`` to its column over the other entries, each costing what
        hiding it in layers ``k`` and ``t`` costs; None when none is cheaper than ``limit``."""
        unknown_k, unknown_t, costs_k, costs_t = self.unknown[k], self.unknown[t], self.costs[k], self.costs[t]

        def cost(edge: Entry) -> float:
            if edge == entry:
                return INFINITE
            here = 0 if edge in unknown_k else costs_k.get(edge, INFINITE)
            if t == k or edge in unknown_t:
                return here
            return here + costs_t.get(edge, INFINITE)

        rows, columns = self.n_rows, self.n_columns
        target = rows + entry[1]  # nodes: rows 0..rows-1, then the columns
        distance: dict[int, float] = {entry[0]: 0.0}
        via: dict[int, tuple[int, Entry]] = {}
        queue: list[tuple[float, int]] = [(0.0, entry[0])]
        done: set[int] = set()
        while queue:
            reached, node = heapq.heappop(queue)
            if node in done:
                continue
            if reached >= limit:
                return None
            if node == target:
                path = []
                while node != entry[0]:
                    node, edge = via[node]
                    path.append(edge)
                return reached, path
            done.add(node)
            if node < rows:
                steps = [(rows + j, (node, j)) for j in range(columns)]
            else:
                steps = [(i, (i, node - rows)) for i in range(rows)]
            for other, edge in steps:
                if other in done:
                    continue
                step = reached + cost(edge)
                if step < distance.get(other, INFINITE):
                    distance[other] = step
                    via[other] = (node, edge)
                    heapq.heappush(queue, (step, other))
        return None


def _connected(entry: Entry, edges: set[Entry]) -> bool:
    """Whether the row of ``entry`` reaches its column through ``edges`` (rows and columns as nodes)."""
    by_row: dict[int, list[int]] = {}
    by_column: dict[int, list[int]] = {}
    for i, j in edges:
        by_row.setdefault(i, []).append(j)
        by_column.setdefault(j, []).append(i)
    seen_rows, seen_columns = {entry[0]}, set()
    queue = [entry[0]]
    while queue:
        for j in by_row.get(queue.pop(), ()):
            if j == entry[1]:
                return True
            if j not in seen_columns:
                seen_columns.add(j)
                for i in by_column[j]:
                    if i not in seen_rows:
                        seen_rows.add(i)
                        queue.append(i)
    return False
