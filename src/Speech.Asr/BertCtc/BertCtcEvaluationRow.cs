using Speech.Core.Text;

namespace Speech.Asr.BertCtc;

/// <summary>A system's result on the test set: WER with its bootstrap interval, the paired WER
/// difference to the first system (the baseline) with its interval, and the decode time (seconds of
/// wall clock for the whole set, after a warm-up) with its real-time factor.</summary>
public sealed record BertCtcEvaluationRow(BertCtcSystem System, WerInterval Wer, WerInterval? DifferenceToBaseline, double DecodeSeconds,
    double RealTimeFactor, int Words)
{
    public const string Header = "system\tdecoding\twer [95% CI]\tvs baseline [95% CI]\tdecode s\tRTF\twords";

    public string ToTsv()
    {
        string decoding = System.Beam > 1 ? $"beam {System.Beam} + char {System.LmOrder}-gram LM" : "greedy CTC";
        string difference = DifferenceToBaseline?.ToPercentString() ?? "-";
        return FormattableString.Invariant($"{System.Name}\t{decoding}\t{Wer.ToPercentString()}\t{difference}\t{DecodeSeconds:0.00}\t{RealTimeFactor:0.0000}\t{Words}");
    }
}
