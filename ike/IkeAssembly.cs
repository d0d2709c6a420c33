using System.Runtime.CompilerServices;

// The unit tests of the daemon's parts (task table, SA lifecycle, task manager, timers, dispatcher)
// reach them through their internal members; nothing else sees them.
[assembly: InternalsVisibleTo("NanoGate.Ike.Tests")]
