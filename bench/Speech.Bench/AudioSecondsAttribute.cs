namespace Speech.Bench;

/// <summary>Seconds of audio one call of the benchmark processes: the numerator of its real-time factor.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AudioSecondsAttribute(double seconds) : Attribute
{
    public double Seconds => seconds;
}
