"""convlab.bench: the parts that run without torch."""

from convlab import bench


def test_benchmark_sections_are_rewritten_in_place(tmp_path):
    """Does each benchmark rewrite only its own section of docs/benchmarks.md?"""
    bench.write_section(tmp_path, "operators", "## Operators\n\nold")
    bench.write_section(tmp_path, "explorers", "## Explorers\n\nfirst")
    bench.write_section(tmp_path, "operators", "## Operators\n\nnew")
    text = (tmp_path / "docs" / "benchmarks.md").read_text()
    assert "old" not in text and text.count("new") == 1 and "first" in text
    assert text.index("Operators") < text.index("Explorers")  # sections keep their place
