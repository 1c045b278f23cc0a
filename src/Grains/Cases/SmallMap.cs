namespace CaseGrid.Grains.Cases;

/// <summary>
/// A few values by string key in one array, searched in order: what an active case remembers it last sent to each of
/// its units and people (a handful each). A dictionary's buckets and entries cost about twice as much per case, and
/// 100,000 active cases must fit in a silo.
/// </summary>
internal sealed class SmallMap<TValue>
{
    private (string Key, TValue Value)[] _items = [];
    private int _count;

    public int Count => _count;

    /// <summary>The keys, in the order first set (a copy: the map may change while they are used).</summary>
    public string[] Keys
    {
        get
        {
            var keys = new string[_count];
            for (var i = 0; i < _count; i++)
            {
                keys[i] = _items[i].Key;
            }

            return keys;
        }
    }

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool TryGetValue(string key, out TValue value)
    {
        var i = IndexOf(key);
        value = i < 0 ? default! : _items[i].Value;
        return i >= 0;
    }

    public void Set(string key, TValue value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            _items[i].Value = value;
            return;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        _items[_count++] = (key, value);
    }

    public void Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return;
        }

        _count--;
        Array.Copy(_items, i + 1, _items, i, _count - i);
        _items[_count] = default;
    }

    public void Clear()
    {
        _items = [];
        _count = 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
