// Threads that keep the mapping core busy among the fuzz threads: a mapper in sigma0's task sends map and grant
// items of its frames (flexpages of every order, rights and hot spot) and unmaps random flexpages; mappees in the
// other tasks receive into random windows, pass what they got on to whoever waits on the next endpoint (mappees and
// fuzz threads), and unmap with and without the own bit. Random fuzz threads alone rarely meet a receiver with a
// map item; these make deep trees, grants of derived mappings and demaps under them common. Their calls are checked
// and traced like every other, and fuzz threads cancel, abort and intercept them at random.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class Mappers
    {
        private const ulong IpcNumber = 3;
        private const ulong UnmapNumber = 11;
        private const ulong Nil = SyscallGenerator.NilSpecifier;
        private const ulong WindowBase = 0x4000_0000;
        private const ulong Never = 0xFFFF;
        private const ulong FirstEndpoint = 4;   // FuzzWorld: endpoint 0, in every task with all rights
        private const ulong SecondEndpoint = 5;

        public static Func<SimUserContext, Task> Mapper(FuzzWorld world) => context => RunMapper(world, context);

        public static Func<SimUserContext, Task> Mappee(FuzzWorld world) => context => RunMappee(world, context);

        private static async Task RunMapper(FuzzWorld world, SimUserContext context)
        {
            SyscallGenerator g = world.Generator;
            while (true)
            {
                if (g.Next(100) < 75)
                {
                    // sigma0's frames are its pages 0..63: flexpages there, of orders 0..6
                    int order = g.Next(7);
                    ulong page = (ulong)(uint)g.Next(64) & ~((1UL << order) - 1);
                    ulong fpage = Flexpage(page, order, (byte)(1 + g.Next(7)));
                    await SendItem(world, context, g.Next(2) == 0 ? FirstEndpoint : SecondEndpoint, fpage, g.Next(10) == 0);
                }
                else
                {
                    await Call(world, context, UnmapNumber, g.Flexpage(), (ulong)(uint)g.Next(2), 0);
                }
            }
        }

        private static async Task RunMappee(FuzzWorld world, SimUserContext context)
        {
            SyscallGenerator g = world.Generator;
            while (true)
            {
                int order = g.Next(6);
                ulong page = (ulong)(uint)g.Next(512) & ~((1UL << order) - 1);
                ulong window = Flexpage(page, order, g.Next(5) == 0 ? (byte)g.Next(8) : (byte)7);
                Utcb utcb = context.Utcb;
                utcb[Utcb.BufferRegisterBase] = 1;
                utcb[Utcb.BufferRegisterBase + 1] = window;
                int pick = g.Next(100);
                if (pick < 50)
                {
                    ulong endpoint = g.Next(2) == 0 ? FirstEndpoint : SecondEndpoint;
                    context.Registers.SetMessageRegister(0, 0);
                    await Call(world, context, IpcNumber, Nil, endpoint, Never << 16);
                }
                else if (pick < 80)
                {
                    // pass on part of the window (mapped or not), as a map or a grant
                    int sub = g.Next(order + 1);
                    ulong part = page + ((ulong)(uint)g.Next(1 << (order - sub)) << sub);
                    await SendItem(world, context, SecondEndpoint, Flexpage(part, sub, (byte)(1 + g.Next(7))), g.Next(3) == 0);
                }
                else
                {
                    ulong fpage = g.Next(2) == 0 ? Flexpage(page, order, (byte)g.Next(8)) : g.Flexpage();
                    await Call(world, context, UnmapNumber, fpage, (ulong)(uint)g.Next(2), 0);
                }
            }
        }

        private static ulong Flexpage(ulong page, int order, byte rights) =>
            (WindowBase + (page << 12)) | ((ulong)(uint)order << 4) | rights;

        private static async Task SendItem(FuzzWorld world, SimUserContext context, ulong endpoint, ulong fpage, bool grant)
        {
            SyscallGenerator g = world.Generator;
            SimRegisters r = context.Registers;
            ulong hotSpot = WindowBase + ((ulong)(uint)g.Next(4096) << 12);
            r.SetMessageRegister(0, 1UL << 6);               // u = 0, t = 1
            r.SetMessageRegister(1, (grant ? 10UL : 8UL) | hotSpot);
            r.SetMessageRegister(2, fpage);
            // R8 and R9 are MR1 and MR2: Call leaves them as set above
            await Call(world, context, IpcNumber, endpoint, Nil, g.Next(2) == 0 ? Never : 0x0400 | (ulong)(uint)(1 + g.Next(20)),
                keepMessage: true);
        }

        private static async Task Call(FuzzWorld world, SimUserContext context, ulong number, ulong rdi, ulong rsi,
            ulong rdx, bool keepMessage = false)
        {
            SimRegisters r = context.Registers;
            r.Rax = number;
            r.Rdi = rdi;
            r.Rsi = rsi;
            r.Rdx = rdx;
            if (!keepMessage && number != IpcNumber)
            {
                r.R10 = 0;
            }
            uint id = (uint)context.Thread.KernelHandle;
            var call = new FuzzCall(r);
            await context.Syscall();
            Answers.Check(world, id, call, r);
            Answers.CheckDetail(world, id, call, context.Utcb[Utcb.ErrorDetailWord]);
            world.Trace.Add(id, call.Number, r.Rax);
        }
    }
}
