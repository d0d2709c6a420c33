using System.Runtime.CompilerServices;

// The known-answer tests force the IV and sequence number of published packets (RFC 3602 §4,
// draft-mcgrew-gcm-test-01) through internal members; nothing else sees them.
[assembly: InternalsVisibleTo("NanoGate.Esp.Tests")]
