using System.Globalization;
using Speech.Core.Text;

namespace Speech.Asr.DistilWhisper;

/// <summary><see cref="WhisperEvaluation"/> rows as a TSV results table (one row per set and model;
/// the header written once, rows appended run after run). Each WER has its bootstrap 95 % interval
/// (utterances resampled); a student's difference to the teacher the interval of the paired difference.</summary>
public static class WhisperEvaluationTable
{
    public const string Header = "set\tmodel\tparameters\tdecoder_layer_parameters\twer_%\tencoder_s\tdecode_s\ttokens\twer_low_%\twer_high_%";

    public static string Line(string set, WhisperEvaluationRow r) =>
        string.Join('\t', new object[] { set, r.Name, r.Parameters, r.DecoderParameters, F(r.Wer), F(r.EncoderSeconds), F(r.DecodeSeconds), r.Tokens }
            .Concat(IntervalFields(r.Scores)));

    /// <summary>The bootstrap 95 % interval's ends (percent); n/a without a scored reference word.</summary>
    static string[] IntervalFields(CorpusWer scores)
    {
        if (scores.ReferenceWords == 0) return new[] { "n/a", "n/a" };
        var interval = WerBootstrap.Interval(scores);
        return new[] { F(100 * interval.Lower), F(100 * interval.Upper) };
    }

    /// <summary>Appends rows to <paramref name="path"/>, writing the header first into a new file.</summary>
    public static void Append(string path, IEnumerable<string> lines)
    {
        if (!File.Exists(path)) File.WriteAllText(path, Header + "\n");
        File.AppendAllLines(path, lines);
    }

    /// <summary>A student against the teacher in one sentence: decoder-layer parameters saved,
    /// decoding and end-to-end speed-up, WER difference.</summary>
    public static string Compare(WhisperEvaluationRow teacher, WhisperEvaluationRow student) =>
        $"{student.Name}/teacher: {100.0 * (teacher.DecoderParameters - student.DecoderParameters) / teacher.DecoderParameters:F0} % fewer decoder-layer parameters, " +
        $"decoding {teacher.DecodeSeconds / Math.Max(1e-9, student.DecodeSeconds):F2}x faster " +
        $"(encoder + decoding {(teacher.EncoderSeconds + teacher.DecodeSeconds) / Math.Max(1e-9, student.EncoderSeconds + student.DecodeSeconds):F2}x), " +
        $"WER {student.Wer - teacher.Wer:+0.00;-0.00} points, 95% interval {PairedInterval(student.Scores, teacher.Scores)}";

    static string PairedInterval(CorpusWer student, CorpusWer teacher)
    {
        if (student.ReferenceWords == 0) return "n/a";
        var d = WerBootstrap.Difference(student, teacher);
        return FormattableString.Invariant($"[{100 * d.Lower:+0.00;-0.00;0.00}, {100 * d.Upper:+0.00;-0.00;0.00}] ({(d.ExcludesZero ? "a difference" : "no difference shown")})");
    }

    /// <summary>The run's name of a model path: the folder above <c>model/</c>, or the folder itself.</summary>
    public static string NameOf(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        return Path.GetFileName(full) == "model" ? Path.GetFileName(Path.GetDirectoryName(full)!) : Path.GetFileName(full);
    }

    static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
