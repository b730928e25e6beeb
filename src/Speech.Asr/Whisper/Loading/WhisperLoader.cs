using Speech.Core.Errors;
using Speech.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Loading;

/// <summary>The one way a verb opens a Whisper model: a path given once (a Hugging Face folder or a
/// whisper.cpp ggml file, told apart here only) becomes the model on a device in a precision, its
/// tokenizer, and, for joint CTC/attention decoding, the CTC head kept beside a model folder.</summary>
public static class WhisperLoader
{
    /// <param name="ctcHeadFolder">The folder whose CTC head to load (usually <paramref name="path"/>
    /// itself; a student that kept its teacher's encoder can borrow the teacher's); null loads none.</param>
    public static LoadedWhisper Load(string path, Device? device = null, Precision precision = Precision.Fp32, string? ctcHeadFolder = null)
    {
        if (ctcHeadFolder is not null && !Directory.Exists(ctcHeadFolder))
            throw new CheckpointException($"{ctcHeadFolder}: joint CTC/attention decoding needs a model folder with a CTC head, and this is no folder");
        var model = WhisperModelFiles.Load(path);
        WhisperCtcHead? head = null;
        try
        {
            // The head's errors name its folder; the model loaded above is released with them.
            head = ctcHeadFolder is null ? null : WhisperCtcHead.Load(ctcHeadFolder, model.Config);
            var on = device ?? CPU;
            model.to(on);
            ModelPrecision.Apply(model, precision);
            return new LoadedWhisper(path, model, head, on, precision);
        }
        catch
        {
            head?.Dispose();
            model.Dispose();
            throw;
        }
    }
}
