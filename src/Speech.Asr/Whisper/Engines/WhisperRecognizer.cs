using Speech.Asr.Inference;
using Speech.Asr.Whisper.Loading;
using Speech.Core.Errors;
using static TorchSharp.torch;

namespace Speech.Asr.Whisper.Engines;

/// <summary>A ready transcription engine over a Whisper model (DESIGN's recogniser factory): our torch
/// engine over a <see cref="WhisperLoader"/> model, with long audio cut into overlapping windows or,
/// with timestamps, one window per input; or Whisper.net over a ggml file. Owns the engine and the model.</summary>
public sealed class WhisperRecognizer : IDisposable
{
    readonly LoadedWhisper? loaded;

    WhisperRecognizer(ITranscriptionEngine engine, LoadedWhisper? loaded)
    {
        Engine = engine;
        this.loaded = loaded;
    }

    public ITranscriptionEngine Engine { get; }

    /// <summary>The text of a timed segment (the torch engine's: only it decodes timestamps).</summary>
    public string TextOf(TimedSegment segment) =>
        (loaded ?? throw new InvalidOperationException("only the torch engine gives timed segments")).Tokenizer.Decode(segment.Tokens).Trim();

    /// <summary>The engine <paramref name="engine"/> asks for (torch, whisper.net, or auto: Whisper.net for a
    /// ggml file, torch for a folder); a combination the chosen engine cannot decode fails with one line
    /// naming the flags.</summary>
    public static WhisperRecognizer Open(string modelPath, string engine, WhisperDecodingSettings settings, Device device, double? overlapSeconds = null,
        string? ctcHeadFolder = null)
    {
        bool timestamps = settings.Timestamps, ggml = WhisperModelFiles.IsGgml(modelPath);
        if (settings.BeamSize > 1 && timestamps) throw new ConfigException("--beam decodes without timestamps; drop one of --beam and --timestamps");
        if (ctcHeadFolder is not null && settings.CtcWeight == 0) throw new ConfigException("--ctc-head names the head for --ctc-weight; give --ctc-weight too");
        if (settings.CtcWeight > 0 && timestamps) throw new ConfigException("--ctc-weight decodes without timestamps; drop one of --ctc-weight and --timestamps");
        if (engine == "whisper.net" || (engine == "auto" && ggml))
        {
            if (timestamps) throw new ConfigException("--timestamps is for the torch engine (our decoder); give a model folder or --engine torch");
            if (settings.BeamSize > 1) throw new ConfigException("--beam is for the torch engine (our decoder); give a model folder or --engine torch");
            if (settings.CtcWeight > 0) throw new ConfigException("--ctc-weight is for the torch engine (our decoder) with a model folder that has a CTC head");
            if (!ggml) throw new ConfigException($"--engine whisper.net needs a ggml file; {modelPath} is a folder (export it with `speech whisper export --format ggml`)");
            return OpenWhisperNet(modelPath);
        }
        return OpenTorch(modelPath, settings, device, overlapSeconds, ctcHeadFolder);
    }

    /// <summary>whisper.cpp through Whisper.net: greedy, its own long-form seeking.</summary>
    public static WhisperRecognizer OpenWhisperNet(string ggmlPath) => new(new WhisperNetEngine(ggmlPath), null);

    /// <param name="overlapSeconds">Overlap on each side of the windows of audio longer than the
    /// model's window; null: a sixth of the window, as the transformers pipeline strides.</param>
    /// <param name="ctcHeadFolder">Where the CTC head for <see cref="WhisperDecodingSettings.CtcWeight"/>
    /// lives; null: the model folder itself.</param>
    public static WhisperRecognizer OpenTorch(string path, WhisperDecodingSettings settings, Device device, double? overlapSeconds = null,
        string? ctcHeadFolder = null)
    {
        var whisper = WhisperLoader.Load(path, device, ctcHeadFolder: settings.CtcWeight > 0 ? ctcHeadFolder ?? path : null);
        try
        {
            var torch = new TorchWhisperEngine(whisper, settings);
            if (settings.Timestamps) return new WhisperRecognizer(new SingleWindowEngine(torch, torch.WindowSamples), whisper);
            double seconds = overlapSeconds ?? torch.WindowSamples / 16000.0 / 6;
            return new WhisperRecognizer(new ChunkedTranscriber(torch, torch.WindowSamples, seconds, tokens => whisper.Tokenizer.Decode(tokens)), whisper);
        }
        catch
        {
            whisper.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Engine.Dispose();
        loaded?.Dispose();
    }
}
