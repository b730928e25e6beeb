namespace Speech.Asr.DistilWhisper;

/// <summary>Which teacher layers a shallower student keeps (distil-whisper's
/// create_student_model.py, after DistilBART): <c>linspace(0, L-1, n)</c> truncated to integers,
/// the last forced to <c>L-1</c>, so the first and last layers always survive.</summary>
public static class LayerMapping
{
    public static int[] MaximallySpaced(int teacherLayers, int studentLayers)
    {
        if (studentLayers < 1 || studentLayers > teacherLayers)
            throw new ArgumentOutOfRangeException(nameof(studentLayers), $"a student keeps 1..{teacherLayers} of {teacherLayers} layers, not {studentLayers}");
        var map = new int[studentLayers];
        double step = studentLayers == 1 ? 0 : (teacherLayers - 1.0) / (studentLayers - 1);
        for (int i = 0; i < studentLayers; i++) map[i] = (int)(i * step); // numpy's dtype=int truncates
        map[^1] = teacherLayers - 1;
        return map;
    }
}
