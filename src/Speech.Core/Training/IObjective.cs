namespace Speech.Core.Training;

/// <summary>What a recipe trains for: a batch in, named weighted loss terms out. The trainer sums
/// <c>weight × value</c>; the method decides which tensors meet which loss.</summary>
public interface IObjective<in TBatch>
{
    IReadOnlyList<LossTerm> Compute(TBatch batch);
}
