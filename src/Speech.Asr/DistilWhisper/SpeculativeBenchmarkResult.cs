namespace Speech.Asr.DistilWhisper;

/// <summary>What <see cref="SpeculativeBenchmark"/> measured: outputs compared, each way's time (the
/// fastest of <see cref="Runs"/> per cut, summed), the student's agreement with the teacher under
/// teacher forcing (tokens it ranks first, among its top two), drafts accepted, how the teacher's hot-set search fared, and
/// where each differing output first parts from teacher greedy (<see cref="Whisper.Decoding.TokenDivergence"/>).</summary>
public sealed record SpeculativeBenchmarkResult(
    int Cuts, int Tokens, int Differing, int Tied, int Runs, double GreedySeconds, double SpeculativeSeconds, int AgreementTokens, int AgreementFirst, int AgreementTopTwo,
    int TeacherPasses, int Drafted, int Accepted, bool FullProjection, int TeacherHotCount, long TeacherFullProjections, long TeacherPicks, long StudentGuesses,
    IReadOnlyList<string> Divergences)
{
    public double SpeedUp => GreedySeconds / Math.Max(1e-9, SpeculativeSeconds);
}
