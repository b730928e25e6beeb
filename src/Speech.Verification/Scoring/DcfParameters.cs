namespace Speech.Verification.Scoring;

/// <summary>The operating point of the detection cost function. WeSpeaker's and SpeechBrain's
/// default is p_target 0.01, c_miss 1, c_fa 1 (NIST SRE08 used c_miss 10; SRE10 p_target 0.001).</summary>
public sealed record DcfParameters(double PTarget = 0.01, double CMiss = 1, double CFa = 1)
{
    public static DcfParameters Default { get; } = new();

    /// <summary>Throws when a parameter is outside its range (p in (0, 1), costs positive).</summary>
    public DcfParameters Validated()
    {
        if (!(PTarget > 0 && PTarget < 1)) throw new Core.Errors.SpeechException($"p_target must be in (0, 1), got {PTarget}");
        if (!(CMiss > 0) || !(CFa > 0)) throw new Core.Errors.SpeechException($"c_miss and c_fa must be positive, got {CMiss} and {CFa}");
        return this;
    }

    public override string ToString() => $"p_target={PTarget:G} c_miss={CMiss:G} c_fa={CFa:G}";
}
