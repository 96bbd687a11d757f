// Native integer types: bounded unsigned newtypes that Dafny compiles to byte, uint and ulong.
// Compiled code of the core uses only these (never int/nat), so the generated C# needs no BigInteger.
module NativeTypes {
  newtype u8 = x: int | 0 <= x < 0x100
  newtype u32 = x: int | 0 <= x < 0x1_0000_0000
  newtype u64 = x: int | 0 <= x < 0x1_0000_0000_0000_0000
}
