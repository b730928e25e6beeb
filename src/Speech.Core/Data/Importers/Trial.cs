namespace Speech.Core.Data.Importers;

/// <summary>One verification trial: are <see cref="Enroll"/> and <see cref="Test"/> the same speaker?</summary>
public sealed record Trial(bool Target, string Enroll, string Test);
