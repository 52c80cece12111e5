#pragma once

// Internal to the AllTick codec: the simdjson on-demand readers shared by the push decoder (AllTickCodec.cpp) and the
// REST K-line decoder (AllTickKline.cpp).

#include "AllTickCodec_p.h"

#include <QString>

#include <simdjson.h>

#include <charconv>
#include <limits>
#include <string_view>

namespace AllTick::detail {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using namespace Qt::StringLiterals;

inline bool hasSuffix(const QString& code, QLatin1String suffix)
{
    return code.endsWith(suffix, Qt::CaseInsensitive);
}

inline bool isAShare(const QString& code)
{
    return hasSuffix(code, ".SH"_L1) || hasSuffix(code, ".SZ"_L1) || hasSuffix(code, ".BJ"_L1);
}

inline bool fitsInt(qint64 v)
{
    return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max();
}

inline QByteArrayView view(std::string_view s)
{
    return QByteArrayView(s.data(), qsizetype(s.size()));
}

inline QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The content of a string value. Without escapes (the usual case: codes, decimals) it is a view of the input, which
// skips simdjson's unescaping copy; otherwise the unescaped copy.
inline error_code readStringContent(od::value& v, std::string_view* out)
{
    std::string_view token = v.raw_json_token(); // does not consume the value
    while (!token.empty() && isJsonSpace(token.back()))
        token.remove_suffix(1);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
        const std::string_view inner = token.substr(1, token.size() - 2);
        if (inner.find('\\') == std::string_view::npos) {
            *out = inner;
            return simdjson::SUCCESS;
        }
    }
    return v.get_string().get(*out);
}

// A scalar that may be a JSON string or a JSON number, as text: the unescaped string, or the number's raw token.
// Null is Missing; booleans, objects and arrays are Invalid (and skipped by the caller's iteration).
inline error_code readScalarText(od::value& v, std::string_view* text, Presence* presence, bool* isNumber = nullptr)
{
    od::json_type type;
    if (const error_code err = v.type().get(type))
        return err;
    switch (type) {
    case od::json_type::string: {
        std::string_view s;
        if (const error_code err = readStringContent(v, &s))
            return err;
        *text = trimmed(s);
        *presence = Presence::Present;
        break;
    }
    case od::json_type::number: {
        *text = trimmed(v.raw_json_token());
        *presence = Presence::Present;
        if (isNumber)
            *isNumber = true;
        break;
    }
    case od::json_type::null: {
        bool isNull = false;
        if (const error_code err = v.is_null().get(isNull))
            return err;
        *presence = isNull ? Presence::Missing : Presence::Invalid;
        break;
    }
    default:
        *presence = Presence::Invalid;
        break;
    }
    return simdjson::SUCCESS;
}

inline error_code readDecimal(od::value& v, Decimal* out, Presence* presence)
{
    std::string_view text;
    bool isNumber = false;
    if (const error_code err = readScalarText(v, &text, presence, &isNumber))
        return err;
    if (*presence != Presence::Present)
        return simdjson::SUCCESS;
    bool ok = false;
    *out = Decimal::parse(view(text), &ok);
    if (!ok && isNumber) {
        // Last resort for JSON numbers with an exponent ("1.5e-3"): through a double.
        double value = 0;
        const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
        if (res.ec == std::errc() && res.ptr == text.data() + text.size())
            *out = Decimal::fromDouble(value, Decimal::MaxScale);
        ok = !out->isNull();
    }
    if (!ok) {
        *out = Decimal();
        *presence = Presence::Invalid;
    }
    return simdjson::SUCCESS;
}

inline error_code readInt(od::value& v, qint64* out, Presence* presence)
{
    std::string_view text;
    if (const error_code err = readScalarText(v, &text, presence))
        return err;
    if (*presence == Presence::Present && !parseInt64(text, out))
        *presence = Presence::Invalid;
    return simdjson::SUCCESS;
}

inline error_code readString(od::value& v, std::string_view* out, Presence* presence)
{
    od::json_type type;
    if (const error_code err = v.type().get(type))
        return err;
    if (type == od::json_type::string) {
        if (const error_code err = readStringContent(v, out))
            return err;
        *presence = Presence::Present;
    } else if (type == od::json_type::null) {
        *presence = Presence::Missing;
    } else {
        *presence = Presence::Invalid;
    }
    return simdjson::SUCCESS;
}

inline bool isType(od::value& v, od::json_type wanted, error_code* err)
{
    od::json_type type;
    *err = v.type().get(type);
    return !*err && type == wanted;
}

// Reads `v` as an object. False with *err set on an error; false with *err clear when `v` is no object (nothing to
// read, not an error).
inline bool asObject(od::value& v, od::object* object, error_code* err)
{
    if (!isType(v, od::json_type::object, err))
        return false;
    *err = v.get_object().get(*object);
    return !*err;
}

// Iterates the fields of an object value, calling fn(key, value) for each; fn returns an error_code.
template <typename Fn>
inline error_code forEachField(od::object& object, Fn&& fn)
{
    for (auto fieldResult : object) {
        od::field field;
        if (const error_code err = std::move(fieldResult).get(field))
            return err;
        if (const error_code err = fn(field.key(), field.value()))
            return err;
    }
    return simdjson::SUCCESS;
}

// Iterates the elements of an array value that are objects, calling fn(object) for each.
template <typename Fn>
inline error_code forEachObject(od::value& v, Fn&& fn)
{
    error_code err = simdjson::SUCCESS;
    if (!isType(v, od::json_type::array, &err))
        return err; // null, missing or not an array: nothing
    od::array array;
    if ((err = v.get_array().get(array)))
        return err;
    for (auto elementResult : array) {
        od::value element;
        if ((err = std::move(elementResult).get(element)))
            return err;
        od::object object;
        if (!asObject(element, &object, &err)) {
            if (err)
                return err;
            continue;
        }
        if ((err = fn(object)))
            return err;
    }
    return simdjson::SUCCESS;
}

inline bool keyIs(const od::raw_json_string& key, std::string_view name)
{
    // Keys are compared raw (escaped keys never match); the padded buffer makes the over-read harmless.
    return key.unsafe_is_equal(name);
}

} // namespace AllTick::detail
