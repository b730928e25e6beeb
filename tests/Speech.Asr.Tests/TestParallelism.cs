// Models here are built from torch's one global RNG (manual_seed, then random init): tests running
// side by side would draw from each other's streams and a seeded model would differ from run to run
// (a beam-search test's seeded optimum changed once in CI). So this assembly's tests run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
