namespace Speech.Core.Text;

/// <summary>One step of a word alignment between a reference and a hypothesis.</summary>
public enum EditOperation
{
    Match,
    Substitution,
    /// <summary>A reference word the hypothesis lacks.</summary>
    Deletion,
    /// <summary>A hypothesis word the reference lacks.</summary>
    Insertion,
}
