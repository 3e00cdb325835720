"""Answer sheets for the tests, and an independent copy of the published SCL-90 factor table."""

PUBLISHED = {
    "躯体化": [1, 4, 12, 27, 40, 42, 48, 49, 52, 53, 56, 58],
    "强迫症状": [3, 9, 10, 28, 38, 45, 46, 51, 55, 65],
    "人际关系敏感": [6, 21, 34, 36, 37, 41, 61, 69, 73],
    "抑郁": [5, 14, 15, 20, 22, 26, 29, 30, 31, 32, 54, 71, 79],
    "焦虑": [2, 17, 23, 33, 39, 57, 72, 78, 80, 86],
    "敌对": [11, 24, 63, 67, 74, 81],
    "恐怖": [13, 25, 47, 50, 70, 75, 82],
    "偏执": [8, 18, 43, 68, 76, 83],
    "精神病性": [7, 16, 35, 62, 77, 84, 85, 87, 88, 90],
    "其他": [19, 44, 59, 60, 64, 66, 89],
}


def sheet(default: int = 1, **by_item) -> dict:
    """{item: score} with every item at `default`, except those given as q<N>=score."""
    out = {n: default for n in range(1, 91)}
    for key, value in by_item.items():
        out[int(key.lstrip("q"))] = value
    return out


def with_items(items, score: int, base: dict | None = None) -> dict:
    out = dict(base or sheet())
    for n in items:
        out[n] = score
    return out


def spread(count: int, per_factor_max) -> list[int]:
    """`count` items taken factor by factor, at most per_factor_max(n_items) from each factor."""
    chosen = []
    for items in PUBLISHED.values():
        take = min(per_factor_max(len(items)), count - len(chosen))
        chosen.extend(items[:take])
    assert len(chosen) == count
    return chosen
