namespace Speech.Verification.Corpus;

/// <summary>The fixed pass-phrases of the synthetic text-dependent corpus (short, phonetically
/// varied, as RSR2015's are; written for this toolkit).</summary>
public static class TextDependentPhrases
{
    public static readonly IReadOnlyList<string> All =
    [
        "my voice is my password",
        "open the garden gate at noon",
        "seven bright lanterns over the harbour",
        "please verify this quiet morning",
        "blue thunder rolls across the valley",
        "the copper kettle whistles twice",
        "jump over the lazy fox today",
        "zero nine four eight six",
        "remember the yellow bicycle",
        "access granted for the northern gate",
    ];
}
