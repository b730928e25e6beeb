using Speech.Asr.Ctc;
using Speech.Core.Data;
using Speech.Core.IO;
using Speech.Core.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Training;

/// <summary>The CTC side of hybrid CTC/attention training: units from the transcripts' characters
/// (kept in the run folder for `whisper average`), the head on the encoder, and, when the run starts
/// from a CTC pre-training checkpoint, that checkpoint's head.</summary>
public static class WhisperHybridSetup
{
    /// <summary>The pair to train and its units; null when <paramref name="ctcWeight"/> is 0.</summary>
    /// <param name="initFolder">The folder the model started from (a training checkpoint of a CTC run brings its head).</param>
    public static (WhisperWithCtcHead Hybrid, CtcVocabulary Characters)? Create(WhisperModel model, string manifestPath, string outDir, double ctcWeight,
        string? initFolder, Device device, IProgress<string>? notes = null)
    {
        if (ctcWeight <= 0) return null;
        var characters = new CtcVocabulary(CharacterTokenizer.Train(Manifest.Read(manifestPath).Select(c => c.Text ?? "")));
        var hybrid = new WhisperWithCtcHead(model, characters.Size);
        // The run's CTC units, for `whisper average` to keep the head beside an averaged model.
        Directory.CreateDirectory(outDir);
        characters.Save(outDir, WhisperCtcHead.VocabularyFile);
        hybrid.to(device);
        // A CTC pre-training checkpoint (--init checkpoints/step-N) also brings its head.
        if (initFolder is not null && File.Exists(Path.Combine(initFolder, "model.safetensors"))
            && hybrid.TryLoadHead(SafetensorsFile.Open(Path.Combine(initFolder, "model.safetensors"))))
            notes?.Report($"CTC head continued from {initFolder}");
        return (hybrid, characters);
    }
}
