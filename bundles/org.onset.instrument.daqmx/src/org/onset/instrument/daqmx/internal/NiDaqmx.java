package org.onset.instrument.daqmx.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The functions of the NI-DAQmx C API (NIDAQmx.h) this driver calls, mapped by JNA: TaskHandle is
 * a pointer, int32/bool32/uInt32 are int, uInt64 is long, float64 is double. Every function returns
 * a status: 0 success, &lt; 0 error (text from {@link #DAQmxGetExtendedErrorInfo}), &gt; 0 warning.
 */
public interface NiDaqmx extends Library {

    int DAQmx_Val_Volts = 10348;
    int DAQmx_Val_Diff = 10106;
    int DAQmx_Val_Rising = 10280;
    int DAQmx_Val_FiniteSamps = 10178;
    int DAQmx_Val_GroupByChannel = 0;
    int DAQmx_Val_GroupByScanNumber = 1;

    int DAQmxGetExtendedErrorInfo(byte[] errorString, int bufferSize);

    int DAQmxGetDevProductType(String device, byte[] data, int bufferSize);

    int DAQmxCreateTask(String taskName, PointerByReference taskHandle);

    int DAQmxCreateAIVoltageChan(Pointer task, String physicalChannel, String nameToAssignToChannel,
            int terminalConfig, double minVal, double maxVal, int units, String customScaleName);

    int DAQmxCreateAOVoltageChan(Pointer task, String physicalChannel, String nameToAssignToChannel, double minVal,
            double maxVal, int units, String customScaleName);

    int DAQmxCfgSampClkTiming(Pointer task, String source, double rate, int activeEdge, int sampleMode,
            long sampsPerChanToAcquire);

    int DAQmxWriteAnalogF64(Pointer task, int numSampsPerChan, int autoStart, double timeout, int dataLayout,
            double[] writeArray, IntByReference sampsPerChanWritten, Pointer reserved);

    int DAQmxWriteAnalogScalarF64(Pointer task, int autoStart, double timeout, double value, Pointer reserved);

    int DAQmxReadAnalogF64(Pointer task, int numSampsPerChan, double timeout, int fillMode, double[] readArray,
            int arraySizeInSamps, IntByReference sampsPerChanRead, Pointer reserved);

    int DAQmxStartTask(Pointer task);

    int DAQmxStopTask(Pointer task);

    int DAQmxClearTask(Pointer task);

    int DAQmxGetWriteTotalSampPerChanGenerated(Pointer task, LongByReference data);
}
