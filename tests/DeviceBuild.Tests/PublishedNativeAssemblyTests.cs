namespace NanoGate.DeviceBuild.Tests;

/// <summary>
/// NativeMethodTable against what nanoFramework's metadata processor produced for published
/// interop assemblies: the checksum and the method_lookup rows nf-interpreter carries
/// (github.com/nanoframework/nf-interpreter @ a3e8139a1ba778e33ca81b023099765eada6c456, the file
/// named in each test), for the C# declarations of the class library they belong to, written here
/// again with the same types, members, member order and the calls between types that decide the
/// type order; bodies are reduced to those calls. Each library's AssemblyNativeVersion is the one
/// the nf-interpreter file states, so the declarations are the ones that checksum was made from.
/// The first test checks the CRC alone against the CRC catalogue; the last two are rules of the
/// processor's source with no published pair: an assembly without natives has checksum 0, and an
/// [ExcludeType] type is left out.
/// </summary>
public sealed class PublishedNativeAssemblyTests
{
    private const string Core = "nanoFramework.CoreLibrary 1.17.11";

    [Fact]
    public void The_CRC_is_CRC_32_POSIX_without_its_final_inversion()
    {
        // The CRC catalogue's CRC-32/POSIX: poly 0x04C11DB7, init 0, not reflected, xorout
        // 0xFFFFFFFF, check value 0x765E7680 for "123456789". The processor's CRC omits the xorout.
        Assert.Equal(0x765E7680u, NativeChecksumCrc.Update(0, "123456789") ^ 0xFFFFFFFF);

        // Continuing from a running value is the same as one pass over the concatenation.
        Assert.Equal(NativeChecksumCrc.Update(0, "123456789"), NativeChecksumCrc.Update(NativeChecksumCrc.Update(0, "1234"), "56789"));
    }

    [Fact]
    public void Networking_Sntp_static_natives_after_the_constructor_0xE2D9BDED()
    {
        // src/DeviceInterfaces/Networking.Sntp/nf_networking_sntp.cpp; the class library is
        // github.com/nanoframework/nanoFramework.Networking.Sntp (Sntp.cs).
        NativeMethodTable table = Compile("nanoFramework.Networking.Sntp", "nf_networking_sntp", ("Sntp.cs", """
            using System.Runtime.CompilerServices;

            [assembly: System.Reflection.AssemblyNativeVersion("100.0.4.4")]

            namespace nanoFramework.Networking
            {
                public class Sntp
                {
                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern void Start();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern void Stop();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern void UpdateNow();

                    public static extern bool IsStarted { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern string Server1 { [MethodImpl(MethodImplOptions.InternalCall)] get; [MethodImpl(MethodImplOptions.InternalCall)] set; }

                    public static extern string Server2 { [MethodImpl(MethodImplOptions.InternalCall)] get; [MethodImpl(MethodImplOptions.InternalCall)] set; }
                }
            }
            """));

        Assert.Equal(0xE2D9BDEDu, table.Checksum);
        Assert.Equal(new Version(100, 0, 4, 4), table.NativeVersion);
        const string S = "Library_nf_networking_sntp_nanoFramework_Networking_Sntp::";
        Assert.Equal(
            [
                null,
                S + "Start___STATIC__VOID",
                S + "Stop___STATIC__VOID",
                S + "UpdateNow___STATIC__VOID",
                S + "get_IsStarted___STATIC__BOOLEAN",
                S + "get_Server1___STATIC__STRING",
                S + "set_Server1___STATIC__VOID__STRING",
                S + "get_Server2___STATIC__STRING",
                S + "set_Server2___STATIC__VOID__STRING",
            ],
            table.Lookup);
    }

    [Fact]
    public void Device_OneWire_instance_natives_with_NULL_rows_between_them_0xB95C43B4()
    {
        // src/nanoFramework.Device.OneWire/nf_dev_onewire.cpp; the class library is
        // github.com/nanoframework/nanoFramework.Device.OneWire (OneWireHost.cs). Virtual methods
        // (Dispose(bool), the finalizer, Dispose()) come first, then the other instance methods.
        NativeMethodTable table = Compile("nanoFramework.Device.OneWire", "nf_dev_onewire", ("OneWireHost.cs", """
            using System;
            using System.Collections;
            using System.Runtime.CompilerServices;

            [assembly: System.Reflection.AssemblyNativeVersion("100.0.4.0")]

            namespace nanoFramework.Device.OneWire
            {
                public class OneWireHost : IDisposable
                {
                    private byte[] _serialNumber;

                    public OneWireHost() => NativeInit();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern bool TouchReset();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern bool TouchBit(bool value);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern byte TouchByte(byte value);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern byte WriteByte(byte value);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern byte ReadByte();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern bool FindFirstDevice(bool performResetBeforeSearch, bool searchWithAlarmCommand);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public extern bool FindNextDevice(bool performResetBeforeSearch, bool searchWithAlarmCommand);

                    public byte[] SerialNumber { get => _serialNumber; set => _serialNumber = value; }

                    public ArrayList FindAllDevices() => new ArrayList();

                    protected virtual void Dispose(bool disposing) => NativeDispose();

                    ~OneWireHost() => Dispose(false);

                    public void Dispose() => Dispose(true);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeDispose();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeInit();
                }
            }
            """));

        Assert.Equal(0xB95C43B4u, table.Checksum);
        Assert.Equal(new Version(100, 0, 4, 0), table.NativeVersion);
        const string O = "Library_nf_dev_onewire_nanoFramework_Device_OneWire_OneWireHost::";
        Assert.Equal(
            [
                null, null, null, null,
                O + "TouchReset___BOOLEAN",
                O + "TouchBit___BOOLEAN__BOOLEAN",
                O + "TouchByte___U1__U1",
                O + "WriteByte___U1__U1",
                O + "ReadByte___U1",
                O + "FindFirstDevice___BOOLEAN__BOOLEAN__BOOLEAN",
                O + "FindNextDevice___BOOLEAN__BOOLEAN__BOOLEAN",
                null, null, null,
                O + "NativeDispose___VOID",
                O + "NativeInit___VOID",
            ],
            table.Lookup);
    }

    [Fact]
    public void Device_Dac_six_types_in_the_processors_usage_order_0x02B3E860()
    {
        // src/System.Device.Dac/sys_dev_dac_native.cpp; the class library is
        // github.com/nanoframework/System.Device.Dac. By name DacChannel comes first; it implements
        // IDacChannel (placed before it) and its constructor calls FindChannel(DacController, int),
        // which places DacController (after its interface IDacController) before DacChannel. The
        // interfaces' methods are NULL rows outside the checksum; the exception and the manager
        // class follow by name and their NULLs are in it.
        NativeMethodTable table = Compile("System.Device.Dac", "sys_dev_dac_native",
            ("IDacChannel.cs", """
            namespace System.Device.Dac
            {
                internal interface IDacChannel
                {
                    void WriteValue(UInt16 value);

                    DacController Controller { get; }
                }
            }
            """),
            ("IDacController.cs", """
            namespace System.Device.Dac
            {
                internal interface IDacController
                {
                    int ChannelCount { get; }

                    int ResolutionInBits { get; }

                    DacChannel OpenChannel(int channelNumber);
                }
            }
            """),
            ("DacChannelAlreadyInUseException.cs", """
            namespace System.Device.Dac
            {
                [Serializable]
                public class DacChannelAlreadyInUseException : Exception
                {
                    public override string ToString() => Message;
                }
            }
            """),
            ("DacControllerManager.cs", """
            using System.Collections;

            namespace System.Device.Dac
            {
                internal sealed class DacControllerManager
                {
                    private static ArrayList s_controllers;

                    internal static ArrayList ControllersCollection { get => s_controllers; set => s_controllers = value; }
                }
            }
            """),
            ("DacController.cs", """
            using System.Collections;
            using System.Runtime.CompilerServices;

            [assembly: System.Reflection.AssemblyNativeVersion("100.0.0.6")]

            namespace System.Device.Dac
            {
                public sealed class DacController : IDacController
                {
                    internal readonly int _controllerId;
                    private ArrayList _devices;

                    internal ArrayList DeviceCollection { get => _devices; set => _devices = value; }

                    internal DacController(string dacController)
                    {
                        _controllerId = dacController[3] - '0';
                        NativeInit();
                        DacControllerManager.ControllersCollection.Add(this);
                    }

                    public int ChannelCount => NativeGetChannelCount();

                    public int ResolutionInBits => NativeGetResolutionInBits();

                    public static DacController GetDefault() => FindController(GetDeviceSelector()[3] - '0') ?? new DacController(GetDeviceSelector());

                    public DacChannel OpenChannel(Int32 channelNumber)
                    {
                        NativeOpenChannel(channelNumber);
                        return new DacChannel(this, channelNumber);
                    }

                    internal static DacController FindController(int index) => (DacController)DacControllerManager.ControllersCollection[index];

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern string GetDeviceSelector();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeOpenChannel(Int32 channelNumber);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern int NativeGetChannelCount();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern int NativeGetResolutionInBits();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeInit();
                }
            }
            """),
            ("DacChannel.cs", """
            using System.Runtime.CompilerServices;

            namespace System.Device.Dac
            {
                public sealed class DacChannel : IDacChannel, IDisposable
                {
                    private readonly int _channelNumber;
                    private DacController _dacController;

                    internal DacChannel(DacController controller, int channelNumber)
                    {
                        if (FindChannel(controller, channelNumber) != null)
                        {
                            throw new DacChannelAlreadyInUseException();
                        }

                        _dacController = controller;
                        _channelNumber = channelNumber;
                    }

                    public DacController Controller => _dacController;

                    public void WriteValue(UInt16 value) => NativeWriteValue(value);

                    private void ThowIfDisposed()
                    {
                    }

                    internal static DacChannel FindChannel(DacController controller, int index) => (DacChannel)controller.DeviceCollection[index];

                    private void Dispose(bool disposing) => NativeDispose(disposing);

                    public void Dispose() => Dispose(true);

                    ~DacChannel() => Dispose(false);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeWriteValue(UInt16 value);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private extern void NativeDispose(bool disposeController);
                }
            }
            """));

        Assert.Equal(0x02B3E860u, table.Checksum);
        Assert.Equal(new Version(100, 0, 0, 6), table.NativeVersion);
        Assert.Equal(
            [
                "System.Device.Dac.IDacChannel", "System.Device.Dac.IDacController", "System.Device.Dac.DacController",
                "System.Device.Dac.DacChannel", "System.Device.Dac.DacChannelAlreadyInUseException", "System.Device.Dac.DacControllerManager",
            ],
            table.Types);
        const string C = "Library_sys_dev_dac_native_System_Device_Dac_DacController::";
        const string H = "Library_sys_dev_dac_native_System_Device_Dac_DacChannel::";
        string?[] expected =
        [
            null, null, null, null, null, null, null, null, null, null, null,
            C + "NativeOpenChannel___VOID__I4",
            C + "NativeGetChannelCount___I4",
            C + "NativeGetResolutionInBits___I4",
            C + "NativeInit___VOID",
            null, null,
            C + "GetDeviceSelector___STATIC__STRING",
            null, null, null, null, null, null, null,
            H + "NativeWriteValue___VOID__U2",
            H + "NativeDispose___VOID__BOOLEAN",
            null, null, null, null, null, null,
        ];
        Assert.Equal(expected, table.Lookup);
    }

    [Fact]
    public void IO_Hashing_one_native_method_is_the_CRC_of_its_name_alone_0xEBD8ED20()
    {
        // src/nanoFramework.System.IO.Hashing/nf_sys_io_hashing.cpp as added in nf-interpreter
        // 4fe58c7e89f0eb1a7108e507f343aefedb89c705 (native version 100.0.0.1, SpanByte; the file
        // at a3e8139a1 has 0xEBD8ED20 too); the class library is github.com/nanoframework/System.IO.Hashing (Crc32.cs).
        NativeMethodTable table = Compile("nanoFramework.System.IO.Hashing", "nf_sys_io_hashing", ("Crc32.cs", """
            using System.Runtime.CompilerServices;

            [assembly: System.Reflection.AssemblyNativeVersion("100.0.0.1")]

            namespace System.IO.Hashing
            {
                public class Crc32
                {
                    private uint _crc = 0xFFFF_FFFF;

                    public Crc32()
                    {
                    }

                    public void Append(SpanByte source) => _crc = ComputeHash(_crc, source);

                    public void Append(byte[] source) => _crc = ComputeHash(_crc, new SpanByte(source));

                    public void Append(byte value) => _crc = ComputeHash(_crc, new byte[] { value });

                    public void Reset() => _crc = 0xFFFF_FFFF;

                    public uint GetCurrentHashAsUInt32() => _crc ^ 0xFFFF_FFFF;

                    public static uint HashToUInt32(SpanByte source) => ComputeHash(0xFFFF_FFFF, source) ^ 0xFFFF_FFFF;

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private static extern uint ComputeHash(uint crc, SpanByte source);
                }
            }
            """));

        Assert.Equal(0xEBD8ED20u, table.Checksum);
        Assert.Equal(NativeChecksumCrc.Update(0, "ComputeHash___STATIC__U4__U4__SystemSpanByte"), table.Checksum);
        Assert.Equal([null, null, null, null, null, null, null, "Library_nf_sys_io_hashing_System_IO_Hashing_Crc32::ComputeHash___STATIC__U4__U4__SystemSpanByte"], table.Lookup);
    }

    [Fact]
    public void Runtime_Native_culture_order_byref_enum_parameter_and_a_delegate_outside_the_checksum_0x0EAE898B()
    {
        // src/nanoFramework.Runtime.Native/nf_rt_native.cpp; the class library is
        // github.com/nanoframework/nanoFramework.Runtime.Native. System.Environment comes last:
        // the processor sorts names culture-aware ("nanoFramework" before "System"; ordinal would
        // put it first). Power calls NativeReboot(RebootOption), which places the enum before it;
        // the delegate RebootEventHandler (.ctor, Invoke, BeginInvoke, EndInvoke) gets NULL rows
        // but no part of the checksum; "out int" is BYREF_I4, the enum its full name without dots.
        NativeMethodTable table = Compile("nanoFramework.Runtime.Native", "nf_rt_native",
            ("ExecutionConstraint.cs", """
            using System;
            using System.Runtime.CompilerServices;

            [assembly: System.Reflection.AssemblyNativeVersion("100.0.10.0")]

            namespace nanoFramework.Runtime.Native
            {
                public class ConstraintException : Exception
                {
                }

                public static class ExecutionConstraint
                {
                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern void Install(int timeoutMilliseconds, int priority);
                }
            }
            """),
            ("GC.cs", """
            using System.Runtime.CompilerServices;

            namespace nanoFramework.Runtime.Native
            {
                public static class GC
                {
                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern uint Run(bool compactHeap);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern void EnableGCMessages(bool enable);
                }
            }
            """),
            ("Power.cs", """
            using System.Runtime.CompilerServices;

            namespace nanoFramework.Runtime.Native
            {
                public enum RebootOption
                {
                    NormalReboot = 0,
                    EnterNanoBooter = 1,
                    ClrOnly = 2,
                    EnterProprietaryBooter = 8,
                }

                public delegate void RebootEventHandler();

                public class Power
                {
                    public static event RebootEventHandler OnRebootEvent;

                    public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => RebootDevice(-1, rebootOption);

                    public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot)
                    {
                        ExecutionConstraint.Install(exeConstraintTimeout, 4);
                        OnRebootEvent?.Invoke();
                        NativeReboot(rebootOption);
                    }

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    internal static extern void NativeReboot(RebootOption rebootOption);
                }
            }
            """),
            ("Rtc.cs", """
            using System.Runtime.CompilerServices;

            namespace nanoFramework.Runtime.Native
            {
                public static class Rtc
                {
                    public static bool SetSystemTime(System.DateTime time) =>
                        Native_RTC_SetSystemTime(time.Year, (byte)time.Month, (byte)time.Day, (byte)time.DayOfWeek, (byte)time.Hour, (byte)time.Minute, (byte)time.Second);

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private static extern bool Native_RTC_SetSystemTime(int year, byte month, byte day, byte dayOfWeek, byte hours, byte minutes, byte seconds);
                }
            }
            """),
            ("SystemInfo.cs", """
            using System;
            using System.Runtime.CompilerServices;

            namespace nanoFramework.Runtime.Native
            {
                public static class SystemInfo
                {
                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private static extern void GetSystemVersion(out int major, out int minor, out int build, out int revision);

                    public static Version Version
                    {
                        get
                        {
                            GetSystemVersion(out int major, out int minor, out int build, out int revision);
                            return new Version(major, minor, build, revision);
                        }
                    }

                    public static extern string OEMString { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern byte OEM { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern byte Model { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern ushort SKU { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern string TargetName { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static extern string Platform { [MethodImpl(MethodImplOptions.InternalCall)] get; }

                    public static FloatingPoint FloatingPointSupport => (FloatingPoint)GetNativeFloatingPointSupport();

                    [MethodImpl(MethodImplOptions.InternalCall)]
                    private static extern byte GetNativeFloatingPointSupport();

                    public enum FloatingPoint
                    {
                        None = 0,
                        SinglePrecisionSoftware = 1,
                        SinglePrecisionHardware = 2,
                        DoublePrecisionSoftware = 3,
                        DoublePrecisionHardware = 4,
                    }
                }
            }
            """),
            ("Environment.cs", """
            using System.Runtime.CompilerServices;

            namespace System
            {
                public static partial class Environment
                {
                    public static extern long TickCount64 { [MethodImpl(MethodImplOptions.InternalCall)] get; }
                }
            }
            """));

        Assert.Equal(0x0EAE898Bu, table.Checksum);
        Assert.Equal(new Version(100, 0, 10, 0), table.NativeVersion);
        Assert.Equal("System.Environment", table.Types[^1]);
        const string N = "Library_nf_rt_native_nanoFramework_Runtime_Native_";
        string?[] expected =
        [
            null,
            N + "ExecutionConstraint::Install___STATIC__VOID__I4__I4",
            N + "GC::Run___STATIC__U4__BOOLEAN",
            N + "GC::EnableGCMessages___STATIC__VOID__BOOLEAN",
            null, null, null, null, null,
            N + "Power::NativeReboot___STATIC__VOID__nanoFrameworkRuntimeNativeRebootOption",
            null, null, null, null, null,
            N + "Rtc::Native_RTC_SetSystemTime___STATIC__BOOLEAN__I4__U1__U1__U1__U1__U1__U1",
            N + "SystemInfo::GetSystemVersion___STATIC__VOID__BYREF_I4__BYREF_I4__BYREF_I4__BYREF_I4",
            null,
            N + "SystemInfo::get_OEMString___STATIC__STRING",
            N + "SystemInfo::get_OEM___STATIC__U1",
            N + "SystemInfo::get_Model___STATIC__U1",
            N + "SystemInfo::get_SKU___STATIC__U2",
            N + "SystemInfo::get_TargetName___STATIC__STRING",
            N + "SystemInfo::get_Platform___STATIC__STRING",
            null,
            N + "SystemInfo::GetNativeFloatingPointSupport___STATIC__U1",
            "Library_nf_rt_native_System_Environment::get_TickCount64___STATIC__I8",
        ];
        Assert.Equal(expected, table.Lookup);
    }

    [Fact]
    public void An_assembly_without_native_methods_has_checksum_0()
    {
        NativeMethodTable table = Compile("Managed", "managed", ("Plain.cs", "namespace Sample { public sealed class Plain { public int Twice(int x) => 2 * x; } }\n"));

        Assert.Equal(0u, table.Checksum);
        Assert.Equal([null, null], table.Lookup);
    }

    [Fact]
    public void A_type_marked_ExcludeType_has_no_rows_and_no_part_in_the_checksum()
    {
        // The MDP leaves [ExcludeType] types out of the .pe (nanoFramework.CoreLibrary's
        // System.Runtime.CompilerServices.ExcludeTypeAttribute): the same assembly without it.
        const string Kept = """
            namespace Sample
            {
                public static class Kept
                {
                    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall)]
                    public static extern int Native(int x);
                }
            }
            """;
        const string Left = """
            namespace Sample
            {
                [System.Runtime.CompilerServices.ExcludeType]
                public static class Left
                {
                    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.InternalCall)]
                    public static extern int Other(int x);
                }
            }
            """;

        NativeMethodTable with = Compile("Sample.Native", "sample", ("Kept.cs", Kept), ("Left.cs", Left));
        NativeMethodTable without = Compile("Sample.Native", "sample", ("Kept.cs", Kept));

        Assert.Equal(["Sample.Kept", "Sample.Left"], with.Types);
        Assert.Equal(without.Checksum, with.Checksum);
        Assert.Equal(NativeChecksumCrc.Update(0, "Native___STATIC__I4__I4"), with.Checksum);
        Assert.Equal(["Library_sample_Sample_Kept::Native___STATIC__I4__I4"], with.Lookup);
    }

    private static NativeMethodTable Compile(string assembly, string nativeProject, params (string File, string Text)[] sources)
    {
        using var sln = new SampleSolution().Project(assembly, "Library", [Core], [], sources);
        var (errors, output) = sln.Build();
        Assert.True(errors == 0, output);
        return NativeMethodTable.Read(sln.Image(assembly)!, nativeProject);
    }
}
