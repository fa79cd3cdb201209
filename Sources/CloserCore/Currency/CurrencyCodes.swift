import Foundation

/// The ISO 4217 codes of the currencies in use (the 2024 list, funds and precious metals left
/// out): what `closer currency` accepts as a base or a rated currency. Deals may still carry any
/// three letters an import brought; a total says it could not convert them.
public enum CurrencyCodes {
    public static let active: Set<String> = Set("""
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD \
        CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD \
        GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT \
        LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR \
        NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP \
        STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF \
        XPF YER ZAR ZMW ZWG
        """.split(separator: " ").map(String.init))

    /// The code in capitals if it is a currency in use, else the refusal that says so.
    public static func check(_ text: String) throws(CurrencyError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard active.contains(code) else { throw .unknownCurrency(text) }
        return code
    }
}
