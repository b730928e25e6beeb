using Speech.Asr.Inference;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>A CTC model as a transcription engine: batched fbank and encoder, then greedy decoding
/// per row (one argmax over all frames: parallel, what a deployed CTC model runs) or prefix beam
/// search when <paramref name="beamSize"/> is above 1, fused with <paramref name="fusion"/>'s
/// character language model when one is given.</summary>
public sealed class CtcEngine(CtcModel model, CtcVocabulary vocabulary, Device? device = null, int batchSize = 8, int beamSize = 1,
    CtcLanguageModelFusion? fusion = null) : ITranscriptionEngine
{
    readonly CtcBatchBuilder features = new(vocabulary, model.Config.FeatureDim, device: device);

    public string Name => "ctc";

    public IReadOnlyList<Transcript> Transcribe(IReadOnlyList<float[]> audio)
    {
        var results = new List<Transcript>(audio.Count);
        foreach (var chunk in audio.Chunk(batchSize))
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            var (x, lengths) = features.Features(chunk);
            using var output = model.Forward(x.to(model.parameters().First().dtype), lengths);
            var logProbabilities = output.LogProbabilities.cpu(); // [B, T', V]
            long[] frames = output.Lengths.cpu().data<long>().ToArray();
            long units = logProbabilities.shape[2];
            for (int b = 0; b < chunk.Length; b++)
            {
                var rows = logProbabilities[b].narrow(0, 0, frames[b]).data<float>().ToArray().Chunk((int)units).ToList();
                var tokens = beamSize > 1 ? CtcDecoding.PrefixBeamSearch(rows, beamSize, fusion?.Model, fusion?.Weight ?? 0, fusion?.InsertionBonus ?? 0)
                    : CtcDecoding.Greedy(rows);
                results.Add(new Transcript(vocabulary.Decode(tokens).Trim(), tokens.Select(t => (long)t).ToList()));
            }
        }
        return results;
    }

    public void Dispose() => features.Dispose();
}

/// <summary>A character n-gram language model for CTC beam search and how it is weighed:
/// <c>log P_ctc + Weight · log P_lm + InsertionBonus · units</c>.</summary>
public sealed record CtcLanguageModelFusion(Speech.Core.Text.NgramLanguageModel Model, double Weight, double InsertionBonus)
{
    /// <summary>An LM of <paramref name="order"/> over the CTC model's characters, from transcripts.</summary>
    public static Speech.Core.Text.NgramLanguageModel Train(CtcVocabulary vocabulary, IEnumerable<string> texts, int order) =>
        new(texts.Select(t => (IReadOnlyList<int>)vocabulary.Encode(t).Select(u => u - 1).ToList()), vocabulary.Size - 1, order);
}
