namespace Speech.Cli.Doctor;

public enum CheckLevel { Ok, Warning, Failure }

/// <summary>One line of <c>speech doctor</c>: what was looked at, what was found, and whether the
/// toolkit can work with it. A failure carries the one line that tells the user how to fix it.</summary>
public sealed record DoctorCheck(string Name, string Value, CheckLevel Level = CheckLevel.Ok, string? Fix = null);
