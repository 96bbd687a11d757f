using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Verified.Cli.Peers;

/// <summary>
/// Writes an initramfs in the "newc" cpio format the Linux kernel unpacks: ASCII hex headers, names and data padded
/// to 4 bytes, a TRAILER!!! entry. Enough for a directory, a device node and a file; no external cpio needed.
/// </summary>
internal sealed class CpioArchive
{
    private const uint Directory = 0x4000, CharacterDevice = 0x2000, RegularFile = 0x8000;

    private readonly List<(string Name, uint Mode, uint Major, uint Minor, byte[] Data)> _entries = [];

    public CpioArchive AddDirectory(string name, uint permissions) => Add(name, Directory | permissions, 0, 0, []);

    public CpioArchive AddCharacterDevice(string name, uint permissions, uint major, uint minor) =>
        Add(name, CharacterDevice | permissions, major, minor, []);

    public CpioArchive AddFile(string name, uint permissions, byte[] data) => Add(name, RegularFile | permissions, 0, 0, data);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        uint inode = 1;
        foreach (var (name, mode, major, minor, data) in _entries)
        {
            WriteEntry(stream, inode++, name, mode, major, minor, data);
        }
        WriteEntry(stream, 0, "TRAILER!!!", 0, 0, 0, []);
        return stream.ToArray();
    }

    private CpioArchive Add(string name, uint mode, uint major, uint minor, byte[] data)
    {
        _entries.Add((name, mode, major, minor, data));
        return this;
    }

    private static void WriteEntry(Stream stream, uint inode, string name, uint mode, uint major, uint minor, byte[] data)
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var header = new StringBuilder("070701");
        foreach (uint field in new uint[]
                 {
                     inode, mode, 0, 0, mode == 0 ? 0u : 1u, 0, (uint)data.Length, 0, 0, major, minor,
                     (uint)nameBytes.Length, 0,
                 })
        {
            header.Append(field.ToString("x8", CultureInfo.InvariantCulture));
        }
        byte[] headerBytes = Encoding.ASCII.GetBytes(header.ToString());
        stream.Write(headerBytes);
        stream.Write(nameBytes);
        Pad(stream);
        stream.Write(data);
        Pad(stream);
    }

    private static void Pad(Stream stream)
    {
        while (stream.Position % 4 != 0)
        {
            stream.WriteByte(0);
        }
    }
}
