using System.Collections;

namespace NanoGate.Firmware.Gateway
{
    /// <summary>
    /// The error-info records of <c>display ike error-info</c>, oldest first: at most
    /// <see cref="Capacity"/>, the oldest going first (a box left alone for months keeps a bounded list).
    /// </summary>
    public sealed class IkeErrorRecords
    {
        /// <summary>Records kept.</summary>
        public const int Capacity = 32;

        private readonly ArrayList _records = new ArrayList();

        /// <summary>Number of kept records.</summary>
        public int Count
        {
            get { return _records.Count; }
        }

        /// <summary>The i-th record, oldest first.</summary>
        public string Get(int index)
        {
            return (string)_records[index];
        }

        /// <summary>Keeps <paramref name="record"/>, dropping the oldest when full.</summary>
        public void Add(string record)
        {
            if (_records.Count >= Capacity)
            {
                _records.RemoveAt(0);
            }

            _records.Add(record);
        }
    }
}
