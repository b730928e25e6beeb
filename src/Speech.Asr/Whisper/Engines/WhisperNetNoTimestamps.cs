using Speech.Asr.Inference;
using System.Reflection;
using Speech.Core.Errors;
using Whisper.net;

namespace Speech.Asr.Whisper.Engines;

/// <summary>Turns on whisper.cpp's <c>no_timestamps</c> in a built Whisper.net processor.
/// whisper.cpp supports it (the prompt gets <c>&lt;|notimestamps|&gt;</c> and every timestamp token
/// is masked), but Whisper.net 1.9.1's builder has no switch for it, so the processor's native
/// parameter block is set here. Without it whisper.cpp decodes in timestamp mode: another prompt,
/// other tokens, and no agreement with greedy decoding as Whisper models are trained.</summary>
static class WhisperNetNoTimestamps
{
    const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    public static void Apply(WhisperProcessor processor)
    {
        var parameters = typeof(WhisperProcessor).GetField("whisperParams", Private);
        var flag = parameters?.FieldType.GetField("NoTimestamps", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
        if (parameters is null || flag is null || flag.FieldType != typeof(byte))
            throw new SpeechException($"this Whisper.net ({typeof(WhisperProcessor).Assembly.GetName().Version}) has no native no_timestamps " +
                                      "parameter where 1.9.1 has it; pin Whisper.net 1.9.1");
        object boxed = parameters.GetValue(processor)!; // a struct: change the box, then store it back
        flag.SetValue(boxed, (byte)1);
        parameters.SetValue(processor, boxed);
    }
}
