// A datatype with fields in compiled code: its C# needs the runtime (Dafny.Helpers for hashing and printing).
module Datatype {
  newtype u32 = x: int | 0 <= x < 0x1_0000_0000
  datatype Message = Message(tag: u32, words: seq<u32>)
  method Tag(m: Message) returns (t: u32) { t := m.tag; }
}
