// Command line: strip Dafny-generated C# for the freestanding build, or check a file.
using System;
using System.IO;
using Verified.PostProcess;

const string Usage = """
    usage: Verified.PostProcess IN.cs OUT.cs [--verbose]   strip IN (output of `dafny translate cs`) into OUT
           Verified.PostProcess --check FILE.cs              only check FILE for runtime references
    Exit status 0: OUT written, runtime-free except the allow-list; 1: runtime references remain; 2: usage.
    """;

if (args.Length >= 2 && args[0] == "--check")
{
    var violations = GeneratedCodeStripper.Check(File.ReadAllText(args[1]));
    foreach (var v in violations)
    {
        Console.Error.WriteLine($"{args[1]}({v.Line}): error VPP0001: {v.Message}");
    }
    return violations.Count == 0 ? 0 : 1;
}
if (args.Length is < 2 or > 3 || (args.Length == 3 && args[2] != "--verbose"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string input = args[0];
string output = args[1];
var result = GeneratedCodeStripper.Strip(File.ReadAllText(input));
if (args.Length == 3)
{
    foreach (var entry in result.Log)
    {
        Console.WriteLine($"{input}: {entry}");
    }
}
if (!result.Ok)
{
    foreach (var v in result.Violations)
    {
        Console.Error.WriteLine($"{input}({v.Line}): error VPP0001: {v.Message}");
    }
    Console.Error.WriteLine($"post-process: {input}: {result.Violations.Count} runtime reference(s) remain; {output} not written");
    File.Delete(output);
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.WriteAllText(output, result.Text);
Console.WriteLine($"post-process: {input} -> {output} ({result.Log.Count} rewrites)");
return 0;
