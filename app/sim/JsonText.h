#pragma once

#include <QByteArray>
#include <QStringView>

// Hand-written JSON: the simulators build their frames as text so that they can send exactly the shapes (and quirks)
// the real servers send, and the AllTick request encoders quote codes and traces with it.
namespace JsonText {
// A quoted, escaped JSON string in UTF-8; non-ASCII text stays raw UTF-8 (as the servers send it).
QByteArray quoted(QStringView text);
} // namespace JsonText
