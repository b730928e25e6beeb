using Speech.Asr.Inference;
using static TorchSharp.torch;

namespace Speech.Asr.Ctc;

/// <summary>A CTC model as a transcription engine: batched fbank and encoder, then greedy decoding
/// per row (one argmax over all frames: parallel, what a deployed CTC model runs) or prefix beam
/// search when <paramref name="beamSize"/> is above 1.</summary>
public sealed class CtcEngine(CtcModel model, CtcVocabulary vocabulary, Device? device = null, int batchSize = 8, int beamSize = 1) : ITranscriptionEngine
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
                var tokens = beamSize > 1 ? CtcDecoding.PrefixBeamSearch(rows, beamSize) : CtcDecoding.Greedy(rows);
                results.Add(new Transcript(vocabulary.Decode(tokens).Trim(), tokens.Select(t => (long)t).ToList()));
            }
        }
        return results;
    }

    public void Dispose() => features.Dispose();
}
