// The speaker models here are built and sampled from torch's one global RNG (manual_seed, then random
// init and class-token sampling): tests running side by side draw from each other's streams, and a
// seeded model then differs from run to run (the class-token test failed that way in CI once). So this
// assembly's tests run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
