using Speech.Asr.Whisper;
using static TorchSharp.torch;

namespace Speech.Asr.DistilWhisper;

/// <summary>Builds a Distil-Whisper student from its teacher: same sizes, fewer layers; every
/// weight copied by name (embeddings, positions, norms, convolutions), each student layer i
/// copied from teacher layer <c>map[i]</c> (maximally spaced unless given). The mapping is
/// recorded in the student's config.</summary>
public static class StudentInitializer
{
    public static WhisperModel FromTeacher(WhisperModel teacher, int decoderLayers, int? encoderLayers = null,
        int[]? decoderMap = null, int[]? encoderMap = null)
    {
        var t = teacher.Config;
        int[] decoder = decoderMap ?? LayerMapping.MaximallySpaced(t.DecoderLayers, decoderLayers);
        int[] encoder = encoderMap ?? LayerMapping.MaximallySpaced(t.EncoderLayers, encoderLayers ?? t.EncoderLayers);
        Check(decoder, t.DecoderLayers, "decoder");
        Check(encoder, t.EncoderLayers, "encoder");
        var config = t with
        {
            DecoderLayers = decoder.Length, EncoderLayers = encoder.Length,
            DecoderLayerMap = Compose(t.DecoderLayerMap, decoder), EncoderLayerMap = Compose(t.EncoderLayerMap, encoder),
        };

        var student = new WhisperModel(config);
        var source = teacher.state_dict();
        using (no_grad())
            foreach (var (name, parameter) in student.state_dict())
                parameter.copy_(source[TeacherName(name, encoder, decoder)]);
        return student;
    }

    /// <summary>The teacher parameter a student parameter is copied from.</summary>
    internal static string TeacherName(string studentName, int[] encoder, int[] decoder)
    {
        foreach (var (prefix, map) in new[] { ("model.encoder.layers.", encoder), ("model.decoder.layers.", decoder) })
        {
            if (!studentName.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = studentName[prefix.Length..];
            int dot = rest.IndexOf('.');
            int layer = int.Parse(rest[..dot]);
            return $"{prefix}{map[layer]}{rest[dot..]}";
        }
        return studentName;
    }

    /// <summary>A student of a student records layers of the original teacher.</summary>
    static int[] Compose(int[]? earlier, int[] map) => earlier is null ? map : map.Select(i => earlier[i]).ToArray();

    static void Check(int[] map, int teacherLayers, string part)
    {
        if (map.Length == 0 || map.Any(i => i < 0 || i >= teacherLayers))
            throw new ArgumentException($"{part} layer map [{string.Join(", ", map)}] must pick layers in 0..{teacherLayers - 1}");
    }

    /// <summary>Stops gradients into the encoder (Distil-Whisper trains the decoder only).</summary>
    public static void FreezeEncoder(WhisperModel model) => model.FreezeEncoder();
}
