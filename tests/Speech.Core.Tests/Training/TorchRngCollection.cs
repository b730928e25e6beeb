namespace Speech.Core.Tests.Training;

/// <summary>Tests whose numbers depend on libtorch's process-wide random generator (dropout,
/// manual_seed, get/set_rng_state) run alone: other test classes seeding or drawing from the
/// same generator on parallel threads would change their streams.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRngCollection
{
    public const string Name = "libtorch global RNG";
}
