#!/usr/bin/env python3
"""Makespans of the SimPy baseline model's runs, grouped by outcome.

The bench runs this beside tekton_sim.py (which prints only pooled percentiles) to show
where the two models' makespans differ: it imports the model from the directory given, runs
the same seeds the model's sequential mode runs (1, 2, ...) with its default settings, and
prints one JSON object: outcome -> makespans in seconds, sorted.

    python3 simpy_outcomes.py BASELINE_DIR RUNS
"""
import json
import sys

baseline_dir, runs = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, baseline_dir)

import simpy  # noqa: E402
import tekton_sim  # noqa: E402

CAPACITY, TIMEOUT_S, P_FAIL, FIRST_SEED = 4, 300.0, 0.05, 1
makespans = {}


class RecordedRun(tekton_sim.PipelineRun):
    """The model's PipelineRun, with its outcome and makespan kept per run."""

    def run(self):
        yield from super().run()
        if self.timed_out:
            outcome = "PipelineRunTimeout"
        elif any(s == "Failed" for s in self.status.values()):
            outcome = "Failed"
        else:
            outcome = "Succeeded"
        makespans.setdefault(outcome, []).append(round(self.env.now - self.start_time, 3))


stats = tekton_sim.new_stats()
for i in range(runs):
    env = simpy.Environment()
    RecordedRun(env, simpy.Resource(env, capacity=CAPACITY), FIRST_SEED + i, TIMEOUT_S, P_FAIL, stats)
    env.run()
print(json.dumps({outcome: sorted(values) for outcome, values in sorted(makespans.items())}))
