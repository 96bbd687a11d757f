// Random syscalls of docs/abi.md from one SplitMix64 (hal/Sim/Machine), so a run is a function of its seed: numbers
// known and unknown, slots valid, empty, out of range and absurd, timeouts of every encoding (valid and not), tags
// with wrong lengths and reserved bits, flexpages unaligned and oversized, capability and thread-control words with
// reserved bits, stale and foreign slots, and sometimes registers of pure noise.
// Values are biased towards the edges the decoders check, so most calls reach deep into the kernel.
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal sealed class SyscallGenerator
    {
        public const ulong NilSpecifier = 0xFFFF_FFFF;
        public const ulong ReplySpecifier = 0xFFFF_FFFE;
        private const ulong CallBit = 1UL << 32;
        private const ulong WindowBase = 0x4000_0000;
        private const int WindowPages = 4096;

        // DebugPutChar with a random word (the kernel prints '?' for what is not printable) and a number no syscall has
        // (all ones). Exit (2) is not drawn: a thread's end is one of FuzzThread's fates, at its own rate.
        private static readonly ulong[] s_debugOrUnknown = { 1, 17 };

        private const ulong IrqType = 6;

        private SplitMix64 _random;
        private readonly uint _slots;

        public SyscallGenerator(ulong seed, uint slotsPerTask)
        {
            _random = new SplitMix64(seed);
            _slots = slotsPerTask;
        }

        public int Next(int bound) => _random.Next(bound);

        public ulong Word() => _random.NextUInt64();

        private bool Percent(int p) => _random.Next(100) < p;

        /// <summary>Loads a random syscall into <paramref name="r"/> (and random words into the UTCB).</summary>
        public void Fill(SimRegisters r, Utcb utcb)
        {
            if (Percent(30))
            {
                FillUtcb(utcb);
            }
            int kind = Next(100);
            if (kind < 25) Ipc(r, utcb);
            else if (kind < 31) Set(r, 4, ObjectSlot(), Percent(80) ? Word() & 0xFF : Word(), Word());
            else if (kind < 37) Set(r, 5, ObjectSlot(), Word(), Percent(85) ? (ulong)Timeout16() << 16 : Word());
            else if (kind < 45) Create(r);
            else if (kind < 52) Set(r, 13, ThreadSlot(), Percent(80) ? (ulong)Next(4) : Word(), Word(), Word());
            else if (kind < 56) Set(r, kind < 54 ? 0UL : 15UL, Word(), Word(), Word());
            else if (kind < 67) Capability(r);
            else if (kind < 72) ThreadControl(r);
            else if (kind < 77) Unmap(r);
            else if (kind < 80) DebugOrUnknown(r);
            else if (kind < 87) IrqControl(r);
            else if (kind < 93) Set(r, Percent(50) ? 17 + (ulong)Next(48) : Word(), Slot(), Slot(), Word());
            else Noise(r);
        }

        private void Ipc(SimRegisters r, Utcb utcb)
        {
            // noise in MR3..MR8 first: a well-formed message may put its typed items there
            for (int i = 3; i < SimRegisters.RegisterMessageRegisters; i++)
            {
                r.SetMessageRegister(i, Word());
            }
            if (Percent(15))
            {
                WellFormedIpc(r);
                LongMessage(r, utcb);
                return;
            }
            if (Percent(60))
            {
                WellFormedIpc(r);
            }
            else
            {
                Set(r, 3, SendSpecifier(), ReceiveSpecifier(), TimeoutWord(), Tag(), Word(), Word());
            }
        }

        /// <summary>An operation of docs/abi.md section 4 with valid encodings (objects still random: the slot may
        /// hold anything), so that calls get past the decoders: rendezvous, blocking, timeouts, replies.</summary>
        private void WellFormedIpc(SimRegisters r)
        {
            ulong send = NilSpecifier;
            ulong receive = NilSpecifier;
            switch (Next(7))
            {
                case 0: send = ObjectSlot(); break;                         // Send
                case 1: send = ObjectSlot() | CallBit; break;               // Call
                case 2: receive = ObjectSlot(); break;                      // Wait
                case 3: receive = ThreadSlot(); break;                      // Receive (closed)
                case 4: send = ReplySpecifier; receive = ObjectSlot(); break; // ReplyWait
                case 5: send = ReplySpecifier; break;                       // Reply
                default: break;                                             // Sleep
            }
            ulong timeouts = ValidTimeout() | ((ulong)ValidTimeout() << 16) | ((ulong)ValidTimeout() << 32)
                | ((ulong)ValidTimeout() << 48);
            if (Percent(40))
            {
                // typed items after u untyped words, u + 2t <= 8: map, grant and capability items, mostly well formed
                int t = 1 + Next(4);
                int u = Next(9 - 2 * t);
                if (Percent(70))
                {
                    // wait for a receiver (the rescuer cancels a sender nobody takes): items get delivered
                    timeouts |= 0xFFFF;
                }
                Set(r, 3, send, receive, timeouts, (ulong)(uint)u | ((ulong)(uint)t << 6) | ((Word() >> 16) << 16), Word(), Word());
                for (int i = 0; i < t; i++)
                {
                    (ulong w0, ulong w1) = Item();
                    r.SetMessageRegister(u + 1 + 2 * i, w0);
                    r.SetMessageRegister(u + 2 + 2 * i, w1);
                }
                return;
            }
            ulong tag = (ulong)(uint)Next(9) | ((Word() >> 16) << 16);
            Set(r, 3, send, receive, timeouts, tag, Word(), Word());
        }

        /// <summary>A long message: words beyond the registers and string items whose bytes lie in UTCB pages (mapped:
        /// the copy succeeds) or anywhere (it faults, and with no pager the IPC ends with ErrNestedPf), and string
        /// buffers of the same kinds for the receive phase.</summary>
        public void LongMessage(SimRegisters r, Utcb utcb)
        {
            int untyped = Next(20);
            int items = 1 + Next(3);
            r.SetMessageRegister(0, (uint)untyped | ((ulong)(uint)items << 6) | ((Word() >> 16) << 16));
            for (int i = 1; i <= untyped + 2 * items && i < Utcb.MessageRegisters; i++)
            {
                ulong word = Word();
                if (i > untyped)
                {
                    word = (i - untyped) % 2 == 1 ? StringItem() : UserAddress();
                }
                if (i < SimRegisters.RegisterMessageRegisters)
                {
                    r.SetMessageRegister(i, word);
                }
                else
                {
                    utcb[i] = word;
                }
            }
            int buffers = Next(4);
            utcb[Utcb.BufferRegisterBase] = (ulong)(uint)buffers << 8;
            for (int i = 0; i < buffers; i++)
            {
                utcb[Utcb.BufferRegisterBase + 3 + 2 * i] = (ulong)(uint)Next(6000);
                utcb[Utcb.BufferRegisterBase + 4 + 2 * i] = UserAddress();
            }
        }

        /// <summary>Word 0 of a string item: mostly well formed and short, sometimes too long or with reserved bits.</summary>
        private ulong StringItem()
        {
            int pick = Next(100);
            if (pick < 80) return ((ulong)(uint)Next(5000) << 32) | 1;
            if (pick < 90) return ((ulong)(uint)Next(1 << 24) << 32) | 1;
            return Word();
        }

        /// <summary>An address inside one of the first UTCB pages (mapped in every task), or anywhere.</summary>
        private ulong UserAddress() =>
            Percent(70) ? Utcb.AreaBase + (ulong)(uint)Next(4 * 4096) : Percent(50) ? (ulong)(uint)Next(1 << 30) : Word();

        /// <summary>A typed item: map or grant of a flexpage (send base anywhere), a capability copy or move of a slot,
        /// or a kind and words of noise.</summary>
        private (ulong, ulong) Item()
        {
            int pick = Next(100);
            ulong sendBase = Percent(80) ? WindowBase + ((ulong)(uint)Next(WindowPages) << 12) : Word() & ~0xFFFUL;
            if (pick < 40) return (8 | sendBase, Flexpage());
            if (pick < 60) return (10 | sendBase, Flexpage());
            if (pick < 85) return (12 | ((ulong)(uint)Next(2) << 4) | ((ulong)(uint)Next(8) << 5) | (Percent(90) ? 0 : Word() << 8), Slot());
            return (Word(), Word());
        }

        /// <summary>Syscall 11 with a flexpage (valid, unaligned, oversized, garbage) and the own bit or noise.</summary>
        private void Unmap(SimRegisters r) =>
            Set(r, 11, Percent(90) ? Flexpage() : Word(), Percent(90) ? (ulong)(uint)Next(2) : Word(), Word());

        /// <summary>A slot of the boot layout's endpoints, notifications and minted copies (FuzzWorld), or any.</summary>
        private ulong ObjectSlot() => Percent(80) ? 4 + (ulong)Next(12) : Slot();

        /// <summary>A slot of the boot layout's thread capabilities (FuzzWorld), or any.</summary>
        public ulong ThreadSlot() => Percent(80) ? 16 + (ulong)Next(8) : Slot();

        private ushort ValidTimeout()
        {
            int pick = Next(100);
            if (pick < 40) return 0;
            if (pick < 85) return (ushort)((Next(3) << 10) | (1 + Next(30)));
            if (pick < 95) return 0xFFFF;
            return (ushort)((Next(23) << 10) | Next(1024));
        }

        private void Create(SimRegisters r)
        {
            int pick = Next(100);
            ulong type = pick < 32 ? 1UL : pick < 54 ? 2UL : pick < 70 ? 3UL : pick < 80 ? 5UL : pick < 90 ? IrqType
                : Percent(70) ? (ulong)Next(8) : Word();
            ulong taskSlot = Percent(70) ? (ulong)Next(2) : Slot() & 0xFFFF_FFFF;
            ulong argument = type == 2 && Percent(80) ? taskSlot | ((ulong)(uint)Next(300) << 32)
                : type == IrqType && Percent(80) ? Line()
                : type == 5 && Percent(70) ? _slots
                : Percent(80) ? 0 : Word();
            Set(r, 6, type, type == IrqType ? IrqSlot() : Slot(), argument, Percent(70) ? (ulong)Next(2) : Slot());
        }

        /// <summary>IrqControl: mostly the three operations on the IRQ slots Create type 6 favours, acknowledge the
        /// most (a line stays masked from each interrupt until one), attach with a notification slot of the boot
        /// layout and one bit, sometimes none or many; sometimes anything.</summary>
        private void IrqControl(SimRegisters r)
        {
            int pick = Next(100);
            ulong operation = pick < 50 ? 2UL : pick < 75 ? 0UL : pick < 85 ? 1UL : Percent(50) ? (ulong)Next(8) : Word();
            ulong bits = Percent(80) ? 1UL << Next(64) : Percent(50) ? 0 : Word();
            Set(r, 14, IrqSlot(), operation, ObjectSlot(), bits, Word(), Word());
        }

        /// <summary>An interrupt line: the timer's, a device's (FuzzWorld), any other, just past the controller's,
        /// or absurd.</summary>
        private ulong Line()
        {
            int pick = Next(100);
            if (pick < 10) return 0;
            if (pick < 60) return FuzzWorld.DeviceLines[Next(FuzzWorld.DeviceLines.Length)];
            if (pick < 85) return (ulong)Next(SimMachine.DefaultInterruptLines);
            if (pick < 95) return SimMachine.DefaultInterruptLines + (ulong)Next(48);
            return Word();
        }

        /// <summary>The slots past the boot layout where IRQ capabilities are made (FuzzWorld), or any.</summary>
        private ulong IrqSlot() => Percent(75) ? FuzzWorld.FirstIrqSlot + (ulong)Next(4) : Slot();

        /// <summary>CapCopy (plain, masked, minted, reserved mask bits), CapMove, CapDelete, CapRevoke on any slot:
        /// the boot layout's objects, slots a thread just filled or emptied, out of range and absurd ones.</summary>
        private void Capability(SimRegisters r)
        {
            int pick = Next(100);
            if (pick < 40)
            {
                ulong mask = Percent(85) ? (ulong)Next(8) : Word();
                ulong badge = Percent(50) ? 0 : Percent(80) ? 0x300 + (ulong)Next(16) : Word();
                Set(r, 7, AnySlot(), Slot(), mask, badge);
            }
            else if (pick < 65)
            {
                Set(r, 8, AnySlot(), Slot(), Word());
            }
            else if (pick < 83)
            {
                Set(r, 9, AnySlot(), Word(), Word());
            }
            else
            {
                Set(r, 10, AnySlot(), Word(), Word());
            }
        }

        /// <summary>ThreadControl: pager and exception handler (endpoint slots, Nil, or anything), deletion now and
        /// then, the priority bit and reserved bits sometimes.</summary>
        private void ThreadControl(SimRegisters r)
        {
            ulong operations = Percent(85) ? (ulong)Next(7) & 6 : Percent(50) ? (ulong)Next(16) : Word();
            if (Percent(5))
            {
                operations |= 8;
            }
            ulong pager = Percent(15) ? NilSpecifier : ObjectSlot();
            ulong handler = Percent(15) ? NilSpecifier : ObjectSlot();
            Set(r, 12, ThreadSlot(), operations, Percent(80) ? (ulong)Next(32) : Word(), pager, handler);
        }

        /// <summary>Object and thread slots of the boot layout as often as any other slot.</summary>
        private ulong AnySlot() => Percent(50) ? ObjectSlot() : Percent(40) ? ThreadSlot() : Slot();

        private void DebugOrUnknown(SimRegisters r)
        {
            ulong number = s_debugOrUnknown[Next(s_debugOrUnknown.Length)];
            ulong first = number == 11 ? Flexpage() : Slot();
            Set(r, number, first, Percent(50) ? Slot() : Word(), Percent(50) ? (ulong)Next(8) : Word(), Word(), Word());
        }

        // Any number 0..17 but 2 (Exit, which 17, unknown, stands in for here).
        private void Noise(SimRegisters r)
        {
            ulong number = (ulong)Next(18);
            Set(r, number == 2 ? 17 : number, Word(), Word(), Word(), Word(), Word(), Word());
            for (int i = 3; i < SimRegisters.RegisterMessageRegisters; i++)
            {
                r.SetMessageRegister(i, Word());
            }
        }

        private static void Set(SimRegisters r, ulong number, ulong a0, ulong a1, ulong a2, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
        {
            r.Rax = number;
            r.Rdi = a0;
            r.Rsi = a1;
            r.Rdx = a2;
            r.R10 = a3;
            r.R8 = a4;
            r.R9 = a5;
        }

        /// <summary>A slot: mostly inside the space (full, empty, any type), sometimes just past it or absurd.</summary>
        public ulong Slot()
        {
            int pick = Next(100);
            if (pick < 75) return (ulong)Next((int)_slots);
            if (pick < 85) return _slots + (ulong)Next(8);
            if (pick < 90) return NilSpecifier;
            if (pick < 95) return 1UL << (32 + Next(32));
            return Word();
        }

        private ulong SendSpecifier()
        {
            int pick = Next(100);
            if (pick < 25) return NilSpecifier;
            if (pick < 70) return Slot() | (Percent(40) ? CallBit : 0);
            if (pick < 85) return ReplySpecifier;
            if (pick < 95) return (Slot() & 0xFFFF_FFFF) | (Word() & ~0x1_FFFF_FFFFUL);
            return Word();
        }

        private ulong ReceiveSpecifier()
        {
            int pick = Next(100);
            if (pick < 35) return NilSpecifier;
            if (pick < 85) return Slot();
            return Word();
        }

        /// <summary>Zero, short and long relative, infinite, and invalid encodings (bit 15 without 0xFFFF, e > 22).</summary>
        public ushort Timeout16()
        {
            int pick = Next(100);
            if (pick < 35) return 0;
            if (pick < 65) return (ushort)((Next(3) << 10) | (1 + Next(30)));
            if (pick < 75) return (ushort)((Next(23) << 10) | Next(1024));
            if (pick < 83) return 0xFFFF;
            if (pick < 89) return (ushort)(0x8000 | Next(0x7FFF));
            if (pick < 95) return (ushort)(((23 + Next(9)) << 10) | Next(1024));
            return (ushort)Next(0x10000);
        }

        private ulong TimeoutWord() =>
            Timeout16() | ((ulong)Timeout16() << 16) | ((ulong)Timeout16() << 32) | ((ulong)Timeout16() << 48);

        /// <summary>u untyped and t typed words, right and wrong; reserved bits 12-15 now and then; any label.</summary>
        private ulong Tag()
        {
            ulong u = Percent(70) ? (ulong)Next(9) : (ulong)Next(64);
            ulong t = Percent(80) ? 0 : (ulong)Next(64);
            ulong reserved = Percent(90) ? 0 : (ulong)Next(16) << 12;
            ulong label = Percent(10) ? 0xFFFF_FFFF_FFFCUL + (ulong)Next(4) : Word() >> 16;
            return u | (t << 6) | reserved | (label << 16);
        }

        /// <summary>Flexpage word: rights, order 0..63 (over MaxOrder = 12 now and then), base aligned or not, inside
        /// the mapping window or anywhere, reserved bits sometimes set.</summary>
        public ulong Flexpage()
        {
            int order = Percent(80) ? Next(13) : Next(64);
            // sigma0's frames are its first 64 pages, and receive windows of the boot layout are anywhere: half the
            // flexpages are near the start, so that maps find something to map
            ulong page = Percent(50) ? (ulong)Next(128) : Percent(70) ? (ulong)Next(WindowPages) : Word() >> 12;
            if (Percent(70) && order < 13)
            {
                page &= ~((1UL << order) - 1);
            }
            ulong baseAddress = Percent(80) ? WindowBase + (page << 12) : page << 12;
            ulong reserved = Percent(90) ? 0 : (1UL << 3) | (1UL << 10);
            return (uint)Next(8) | ((ulong)(uint)order << 4) | reserved | (baseAddress & ~0xFFFUL);
        }

        /// <summary>Random message words, acceptor, receive window, capability slot and string buffers in the UTCB.</summary>
        private void FillUtcb(Utcb utcb)
        {
            for (int i = Next(4); i > 0; i--)
            {
                utcb[9 + Next(Utcb.MessageRegisters - 9)] = Word();
            }
            // mostly accepting map and capability items, so that typed items get delivered
            utcb[Utcb.BufferRegisterBase] = Percent(70) ? (uint)(1 + Next(3)) | ((ulong)(uint)Next(16) << 8) : Word();
            utcb[Utcb.BufferRegisterBase + 1] = Flexpage();
            utcb[Utcb.BufferRegisterBase + 2] = Slot();
            utcb[Utcb.BufferRegisterBase + 3 + Next(28)] = Percent(50) ? (ulong)Next(1 << 23) : Word();
        }
    }
}
