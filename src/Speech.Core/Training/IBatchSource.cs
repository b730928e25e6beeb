using System.Text.Json.Nodes;

namespace Speech.Core.Training;

/// <summary>An endless, deterministic stream of training batches (epochs roll over inside) whose
/// position can be saved into a checkpoint and restored, so a resumed run sees exactly the
/// batches an uninterrupted one would. Batches the trainer receives are disposed by it when they
/// are <see cref="IDisposable"/>.</summary>
public interface IBatchSource<out TBatch>
{
    TBatch Next();

    /// <summary>The epoch the next batch belongs to.</summary>
    int Epoch { get; }

    JsonNode SaveState();

    void RestoreState(JsonNode state);
}
