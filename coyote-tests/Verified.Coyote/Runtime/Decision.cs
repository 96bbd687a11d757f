using System;
using System.Globalization;

namespace Verified.Coyote.Runtime;

/// <summary>What kind of choice a decision records.</summary>
public enum DecisionKind
{
    /// <summary>Which operation ran the next step.</summary>
    Schedule,

    /// <summary>A controlled RandomBoolean.</summary>
    Boolean,

    /// <summary>A controlled RandomInteger.</summary>
    Integer,
}

/// <summary>One scheduling or data decision; a trace file holds one per line ("op 2", "bool true", "int 3").</summary>
public readonly record struct Decision(DecisionKind Kind, int Value)
{
    public static Decision Schedule(int operationId) => new(DecisionKind.Schedule, operationId);

    public static Decision Boolean(bool value) => new(DecisionKind.Boolean, value ? 1 : 0);

    public static Decision Integer(int value) => new(DecisionKind.Integer, value);

    public override string ToString() => Kind switch
    {
        DecisionKind.Schedule => $"op {Value.ToString(CultureInfo.InvariantCulture)}",
        DecisionKind.Boolean => Value == 1 ? "bool true" : "bool false",
        _ => $"int {Value.ToString(CultureInfo.InvariantCulture)}",
    };

    public static Decision Parse(string line)
    {
        string[] parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 2)
        {
            switch (parts[0])
            {
                case "op" when int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int id):
                    return Schedule(id);
                case "bool" when parts[1] is "true" or "false":
                    return Boolean(parts[1] == "true");
                case "int" when int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int value):
                    return Integer(value);
            }
        }
        throw new FormatException($"not a decision: '{line}' (expected 'op N', 'bool true|false' or 'int N')");
    }
}
